r"""Spanish: the words of pain reports and warning signs, as people type them in Telegram.

Written for Spain and Latin America alike, from tests/corpora/es/ (its dev part). Text is
matched after folding: lower case, accents and the tilde of "ñ" stripped ("mañana" ->
"manana", "años" -> "anos"), so every word below is written without them, and a message
typed with or without accents reads the same.

How people say things here, and what the lexicon does about it:

- numbness is mostly "dormido" (gone to sleep), "adormecido", "entumecido", "acorchado" or
  "hormigueo"; unlike English "gone to sleep", "se me durmio la pierna" is how Spanish says a
  numb leg, so it counts, and sitting on the toilet or kneeling that explains it is a
  resolved, ordinary cause only when the message says it passed ("luego bien");
- the saddle area is "entrepierna", "zona genital/intima", "ahi abajo", "culo", "ano"...;
- "se me escapa el pis", "me hice pis encima", "no puedo orinar/mear" are bladder signs, but
  "casi me meo de (la) risa" is laughter;
- "me cai rendida en el sofa" and "me caigo de sueno" are tiredness, not a fall;
- "dolor de rinones" is lower back pain in everyday Spanish (not kidneys), "lumbago",
  "lumbalgia" and "ciatica" name the area;
- "un 5 largo" is a generous five, "unos 5", "como un 6", "tipo 5", "x ahi un 3" are
  approximate; "y medio" is a half ("seis y medio" -> 6.5, recorded as 7).
"""

from __future__ import annotations

from domain.lexicons import Lexicon

# --------------------------------------------------------------------------- numbers

_NUMBER_WORDS = {
    "cero": 0,
    "uno": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "quince": 15,
    "dieciseis": 16,
    "diecisiete": 17,
    "dieciocho": 18,
    "diecinueve": 19,
    "veinte": 20,
}

_PAIN_WORDS = (
    r"dolor\w*",
    r"duel\w*",
    r"dolid[oa]s?",
    r"molest\w*",
    r"me\s+mata",
    r"me\s+esta\s+matando",
    r"lumbago",
    r"lumbalgia",
    r"ciatic[oa]",
    r"contractur\w*",
    r"torticolis",
    r"pinchazos?",
    r"punzadas?",
    r"agujetas",
    r"rigid[oa]s?",
    r"cargad[oa]s?",
    r"pain",
    r"ay+",
    r"auch",
    r"espalda",
    r"columna",
    r"no\s+me\s+puedo\s+mover|no\s+puedo\s+moverme",
)

# Area phrases -> area codes of domain/pain.py. Longer phrases win over shorter ones.
_AREAS = {
    # lower back
    r"lumbar(?:es)?": "lb",
    r"zona\s+lumbar": "lb",
    r"region\s+lumbar": "lb",
    r"(?:parte\s+)?baja\s+(?:de\s+la\s+)?espalda": "lb",
    r"espalda\s+baja": "lb",
    r"parte\s+de\s+abajo\s+de\s+la\s+espalda": "lb",
    r"rinones": "lb",
    r"rinon": "lb",
    r"lumbago": "lb",
    r"lumbalgia": "lb",
    r"coxis": "lb",
    r"sacro": "lb",
    r"rabadilla": "lb",
    r"cintura": "lb",
    # upper back
    r"espalda\s+alta": "ub",
    r"parte\s+(?:alta|de\s+arriba|superior)\s+de\s+la\s+espalda": "ub",
    r"dorsal(?:es)?": "ub",
    r"zona\s+dorsal": "ub",
    r"omoplatos?": "ub",
    r"escapulas?": "ub",
    r"paletillas?": "ub",
    # between the shoulder blades
    r"entre\s+(?:los\s+|mis\s+)?omoplatos": "bs",
    r"entre\s+(?:las\s+|mis\s+)?(?:paletillas|escapulas)": "bs",
    r"entre\s+los\s+hombros": "bs",
    # neck and shoulders
    r"cuello": "ns",
    r"cervical(?:es)?": "ns",
    r"nuca": "ns",
    r"hombros?": "ns",
    r"trapecios?": "ns",
    r"torticolis": "ns",
    # whole back
    r"toda\s+la\s+espalda": "wb",
    r"espalda\s+entera": "wb",
    r"toda\s+la\s+columna": "wb",
    r"me\s+duele\s+todo": "wb",
    r"todo\s+me\s+duele": "wb",
    r"por\s+todas\s+partes": "wb",
    # hip and buttock, hip, buttock
    r"cadera\s+y\s+(?:el\s+)?gluteo": "hb",
    r"caderas?": "hp",
    r"gluteos?": "bu",
    r"nalgas?": "bu",
    r"culo": "bu",
    r"trasero": "bu",
    r"pompis": "bu",
    # leg
    r"piernas?": "lg",
    r"muslos?": "lg",
    r"pantorrillas?": "lg",
    r"gemelos?": "lg",
    r"isquios?": "lg",
    r"ciatica": "lg",
    r"ciatico": "lg",
    r"nervio\s+ciatico": "lg",
    # mid back
    r"mitad\s+de\s+la\s+espalda": "mb",
    r"media\s+espalda": "mb",
    r"espalda\s+media": "mb",
    r"(?:medio|centro)\s+de\s+la\s+espalda": "mb",
}

# Words that may stand around a bare level in a message with no pain word ("hoy 3",
# "ahora mismo 4", "un 2 hoy yay").
_REPORT_WORDS = frozenset(
    """
    hoy ahora mismo ahorita ya esta estoy manana tarde noche dia el la lo un una es de me mi
    nivel y o pues bueno bien mal fatal mejor peor igual que ayer asi como mas menos tipo
    unos unas aprox aproximadamente quizas quiza tal vez diria yo le daria doy pondria
    alrededor ahi por x en estaba era fue antes despues tras bajo subio baje sigue sigo
    seguimos todavia aun sobre solo muy bastante poco un poco jaja jajaja yay uf ufff ay
    ok vale genial super horrible terrible malisimo malisima regular no se nose ni idea
    creo seguro segura dificil decir anoche algo poquito mucho bastante punto puntos a hasta
    bajado subido
    """.split()
)

# --------------------------------------------------------------------- warning signs

_WORD_CLASSES = {
    # the saddle area, in anatomical words, euphemisms and slang
    "SADDLE": (
        r"entrepiernas?|ingles?|perine\w*|perineo|zona\s+(?:genital|intima|del\s+perine\w*|"
        r"de\s+la\s+silla(?:\s+de\s+montar)?|del\s+culo|del\s+ano|de\s+abajo)|genitales|"
        r"partes\s+(?:intimas|nobles|bajas)|mis\s+partes|ahi\s+abajo|alli\s+abajo|"
        r"entre\s+las\s+piernas|cara\s+interna\s+de\s+los\s+muslos|"
        r"ano|culo|trasero|nalgas?|gluteos?|pompis|poto|vagina|vulva|clitoris|pene|"
        # the bottom in Latin America ("la cola", "las pompas"); not a queue ("la cola del
        # banco", idioms below), a drink or a ponytail ("cola de caballo")
        r"(?<!coca\s)(?<!coca-)(?:cola|colita)(?!\s+(?:de|del|para)(?!\w))|pompas|"
        r"testiculos|escroto|silla\s+de\s+montar|labios\s+(?:vaginales|mayores|menores)|"
        r"(?:me\s+siento|sentad[oa]|sentarme|me\s+sente)\s+en\s+el\s+(?:vater|water|inodoro|"
        r"retrete|bano)"
    ),
    # a change of sensation
    "NUMB": (
        r"dormid[oa]s?|adormec\w*|adormecid[oa]s?|entumec\w*|entumid[oa]s?|acorchad[oa]s?|"
        r"hormigue\w*|cosquilleo|insensib\w*|sin\s+sensibilidad|anestesiad[oa]s?|"
        r"(?:perdi|perdido|perdida\s+de|pierdo|sin|poca|menos|no\s+tengo)\s+(?:la\s+)?"
        r"sensibilidad|se\s+me\s+(?:duerme|duermen|durmio|durmieron|ha\s+dormido|han\s+dormido)|"
        r"me\s+hormigue\w*|no\s+(?:siento|noto|sentia|notaba|senti|note)(?:\s+(?:nada|bien|casi))?"
        # "no noto nada raro" says all is normal
        r"(?!\s+(?:nada\s+)?(?:rar[oa]|extran\w*|distint\w*|especial|diferente|anormal))|"
        r"no\s+(?:tiene|tengo|tienen)\s+(?:\w+\s+)?sensibilidad|"
        r"como\s+muert[oa]s?|(?:como\s+)?de\s+(?:corcho|algodon|carton|goma)"
    ),
    # around the saddle area "raro" or "distinto" is how people say the feeling changed
    "NUMB_SADDLE": (
        r"{NUMB}|(?:siento|noto|sensacion)\s+(?:\w+\s+){0,2}?(?:rar[oa]|distint[oa]|"
        r"extran[oa])|como\s+si\s+no\s+fuera\s+(?:mi[oa]|de\s+mi)|como\s+(?:ajen[oa]|de\s+otr[oa])"
    ),
    "LEG": (
        r"pierna|pie|dedos\s+del\s+pie|muslo|pantorrilla|gemelo|espinilla|tobillo|rodilla|"
        r"talon|planta\s+del\s+pie"
    ),
    "LEGS": (
        r"piernas|pies|muslos|pantorrillas|gemelos|rodillas|tobillos|"
        r"(?:ambas|las\s+dos|las\s+2|2)\s+piernas|(?:ambos|los\s+dos|los\s+2)\s+(?:pies|muslos)"
    ),
    "WEAK": (
        r"debil\w*|debilidad|flojas?|flojos?|flojit[oa]s?|sin\s+fuerzas?|"
        r"no\s+(?:tiene|tienen|tengo)\s+fuerzas?|(?:me\s+)?fallan?|se\s+me\s+(?:dobla|doblan|"
        r"va\s+a\s+doblar|van\s+a\s+doblar)|ceden|no\s+me\s+(?:sostiene|sostienen|aguanta|"
        r"aguantan|responde|responden)|flaque\w*|como\s+de\s+gelatina|temblorosas?|"
        r"se\s+me\s+arrastra\w*"
    ),
    "PEE": r"orinar|mear|hacer\s+(?:pis|pipi|del\s+uno)|miccionar|ir\s+al\s+bano",
    "URINE": r"pis|pipi|orina|orino|meo|chorro|vejiga|meada",
    "NIGHT": (
        r"(?:por|de|en|durante)\s+la\s+noche|de\s+noche|por\s+las\s+noches|toda\s+la\s+noche|"
        r"nocturn[oa]s?|de\s+madrugada|en\s+la\s+cama|acostad[oa]|tumbad[oa]"
    ),
    "NOT_EASED": (
        r"(?:no\s+hay|ninguna|ni\s+una)\s+postura|no\s+(?:me\s+)?(?:alivia|ayuda|calma|sirve)\s+"
        r"(?:ninguna|ni\s+una|nada)|(?:da\s+igual|no\s+importa)\s+(?:como|que)\s+"
        r"(?:me\s+ponga|haga|me\s+mueva)|cambie\s+como\s+me\s+cambie|me\s+ponga\s+como\s+me\s+"
        r"ponga|(?:me\s+cambio|cambio|cambiando)\s+de\s+postura\s+y\s+(?:nada|sigue|no)|"
        r"no\s+(?:se\s+me\s+)?(?:pasa|alivia|calma|mejora)\s+(?:con\s+nada|de\s+ninguna)|"
        # "no se me pasa cambie como me cambie": the "no" belongs to the sign
        r"no\s+(?:se\s+me\s+)?(?:pasa|alivia|calma|mejora|quita)\s+(?:\w+\s+){0,2}?"
        r"(?:cambie\s+como\s+me\s+cambie|me\s+ponga\s+como\s+me\s+ponga|da\s+igual\s+como)|"
        r"sigue\s+doliendo|no\s+pego\s+ojo|nada\s+(?:me\s+)?(?:alivia|ayuda|calma)|"
        r"no\s+hay\s+(?:forma|manera)\s+de\s+(?:ponerme|estar|dormir|acomodarme)|"
        r"no\s+encuentro\s+(?:\w+\s+)?(?:postura|posicion)|"
        # every change of position, and nothing: "me acomodo de mil formas y nada"
        r"(?:me\s+)?(?:acomodo|pongo|muevo|giro|doy\s+vuelta|cambio)\s+(?:\w+\s+){0,4}?"
        r"y\s+nada"
    ),
    "SYMPTOM_NOUN": (
        r"(?:o\s+|ni\s+)?(?:hormigueo|entumecimiento|debilidad|fiebre|problemas?|"
        r"perdidas?|incontinencia|sensibilidad)"
    ),
}

_NEAR = r"[^.!?;\n]{0,40}?"


def _whole_words(pattern: str) -> str:
    """A sign pattern or idiom that starts and ends on word boundaries: the engine uses them
    as written, and a stem must not match inside another word ("ano" in "mano")."""
    return r"(?<!\w)(?:" + pattern + r")(?!\w)"


_SIGN_PATTERNS = {
    "saddle_numbness": (
        # the area inside the feeling: "noto el culo raro", "siento la ingle como dormida"
        r"(?P<sym>(?:siento|noto)\s+(?:\w+\s+){0,2}?(?:{SADDLE})\s+(?:\w+\s+)?(?:rar[oa]|"
        r"distint[oa]|extran[oa]|{NUMB}))",
        r"(?P<sym>{NUMB_SADDLE})" + _NEAR + r"(?<!\w)(?:{SADDLE})(?!\w)",
        r"(?<!\w)(?:{SADDLE})(?!\w)" + _NEAR + r"(?P<sym>{NUMB_SADDLE})",
        r"(?:al|cuando\s+me|cuando)\s+limpi\w*" + _NEAR + r"(?P<sym>no\s+(?:siento|noto)|{NUMB})",
        r"(?P<sym>no\s+(?:siento|noto|senti|note))\s+(?:\w+\s+){0,5}?(?:al|cuando)\s+"
        r"(?:me\s+)?limpi\w*",
        r"(?P<sym>no\s+(?:siento|noto|senti|note))\s+el\s+papel",
        r"(?:como\s+si\s+)?(?:me\s+hubiera\s+)?sentad[oa]\s+(?:en|sobre)\s+(?:hielo|un\s+cojin)",
    ),
    "bladder_bowel": (
        r"incontinen\w*",
        r"se\s+me\s+(?:escapa|escapan|escapo|escapaba|sale|salio)\s+(?:\w+\s+){0,3}?"
        r"(?:pis|pipi|orina|caca|popo|mierda|heces)",
        r"(?:me\s+)?(?:hice|he\s+hecho|hago|hizo|estoy\s+haciendo|haciendo)\s+(?:pis|pipi|caca|"
        r"popo)\s+(?:encima|sin\s+"
        r"(?:enterarme|darme\s+cuenta|querer|notarlo))",
        r"no\s+(?:me\s+)?sale\s+(?:el\s+|la\s+)?(?:pis|pipi|orina|nada(?!\s+de))",
        r"(?:hace|llevo)\s+(?:\w+\s+){0,2}?(?:que\s+no|sin)\s+(?:{PEE}|meo|orino|hago\s+pis)",
        r"no\s+(?:puedo\s+)?(?:aguantar|retener|contener|controlar)\s+(?:bien\s+)?(?:la\s+|el\s+)?"
        r"(?:orina|pis|pipi|caca|vejiga)",
        r"(?:fuerza|esfuerzo)\s+para\s+(?:{PEE})",
        r"no\s+(?:vacio|vacie|consigo\s+vaciar|puedo\s+vaciar)\s+(?:bien\s+|del\s+todo\s+)?"
        r"(?:la\s+)?vejiga|vejiga\s+no\s+se\s+(?:vacia|vacio)",
        r"me\s+(?:he\s+)?(?:mee|meo|meado|cague|cago|cagado|orine|orino|orinado)\s+(?:encima|"
        r"en\s+la\s+cama|en\s+los\s+pantalones|sin\s+(?:enterarme|darme\s+cuenta|querer))",
        r"me\s+(?:he\s+)?(?:hecho|hice|hago)\s+(?:pis|pipi|caca)\s+en\s+la\s+cama",
        r"no\s+(?:me\s+entero|noto|siento|se|sé)\s+(?:de\s+)?cuando\s+(?:tengo|me\s+dan|me\s+vienen)\s+"
        r"ganas",
        r"no\s+(?:siento|noto|senti|note)\s+(?:nada\s+)?(?:al|cuando)\s+(?:{PEE}|orino|meo)",
        r"pierd\w*\s+(?:\w+\s+)?(?:orina|pis|pipi|gotas\s+de\s+orina)",
        r"(?:no\s+puedo|no\s+consigo|no\s+pude|sin\s+poder|me\s+cuesta\w*|cuesta\w*|"
        r"dificultad(?:es)?\s+"
        r"(?:para|al)|problemas?\s+para|trabajo\s+para|tengo\s+que\s+(?:apretar|empujar|hacer\s+"
        r"fuerza)\w*(?:\s+\w+)?\s+para|apret\w*\s+para)\s+(?:\w+\s+){0,3}?(?:{PEE})",
        r"(?:{URINE})" + _NEAR + r"(?P<sym>(?<!\w)(?:flojit[oa]|floj[oa]|debil|lent[oa]|"
        r"gotea\w*|a\s+gotas|a\s+chorritos|a\s+gotitas|a\s+poquitos|entrecortad\w*|no\s+sale|"
        r"cuesta))",
        r"no\s+sale\s+nada(?!\s+de)",
        r"no\s+(?:controlo|puedo\s+controlar|controlaba|aguanto|retengo)\s+(?:bien\s+)?"
        r"(?:la\s+|el\s+|los\s+)?(?:vejiga|pis|orina|esfinteres|intestino|caca)",
        r"(?:perdi|pierdo|perdida\s+de|sin)\s+(?:el\s+)?control\s+de\s+(?:la\s+|los\s+|el\s+)?"
        r"(?:vejiga|esfinteres|intestino|orina)",
        r"(?:no\s+noto|no\s+siento|ya\s+no\s+tengo|perdi|sin)\s+(?:las\s+)?ganas\s+de\s+"
        r"(?:mear|orinar|ir\s+al\s+bano|hacer\s+(?:pis|pipi|caca))",
        r"no\s+(?:noto|siento)\s+cuando\s+(?:estoy\s+)?(?:orinando|meando|haciendo\s+pis|"
        r"hago\s+pis|orino|meo)",
        r"tard\w*\s+(?:\w+\s+){0,2}?en\s+(?:empezar\s+a\s+)?(?:{PEE})",
        r"(?:perdidas|escapes)\s+de\s+orina",
        r"retencion\s+(?:de\s+orina|urinaria)",
        r"no\s+(?:noto|siento|se)\s+(?:si|cuando)\s+(?:tengo\s+)?(?:la\s+)?vejiga\s+llena",
        r"no\s+he\s+(?:podido\s+)?(?:orinar|orinado|meado|mear|hecho\s+pis|hacer\s+pis)",
    ),
    "both_legs": (
        r"(?<!\w)(?:{LEGS})(?!\w)" + _NEAR + r"(?P<sym>(?<!\w)(?:{NUMB}|{WEAK}))",
        r"(?P<sym>(?<!\w)(?:{NUMB}|{WEAK}))" + _NEAR + r"(?<!\w)(?:{LEGS})(?!\w)",
        r"ciatic\w*\s+(?:\w+\s+){0,4}?(?:ambas|las\s+dos|las\s+2)\s+piernas",
    ),
    "sexual_dysfunction": (
        r"no\s+se\s+me\s+(?:levanta|para|pone\s+dura)",
        r"(?:problemas?|dificultad\w*|falta)\s+(?:de|con|para)\s+(?:la\s+|las\s+)?(?:ereccion\w*|"
        r"erecciones|erectil)",
        r"no\s+(?:tengo|consigo|logro|mantengo|me\s+dura)\s+(?:una\s+|la\s+)?(?:ereccion\w*|"
        r"erecciones)",
        r"disfuncion\s+erectil|impoten\w*",
        r"no\s+(?:consigo|puedo|logro|llego\s+a)\s+(?:llegar\s+al\s+)?(?:orgasmo|eyacular|"
        r"correrme|venirme|terminar)",
        r"(?:con\s+mi\s+(?:pareja|mujer|marido|novi[oa]|espos[oa])|relaciones|sexo|"
        r"hacer\s+el\s+amor)" + _NEAR + r"(?P<sym>no\s+(?:senti|siento|note|noto)\s+nada)",
        r"(?P<sym>no\s+(?:senti|siento|note|noto)\s+nada)"
        + _NEAR
        + r"(?:relaciones|sexo|hacer\s+el\s+amor)",
    ),
    "tearing_pain": (
        r"desgarr\w*",
        r"(?:como\s+si|como\s+que)\s+(?:\w+\s+){0,3}?(?:rasg|desgarr|arranc|romp|parti)\w*",
        r"(?:me\s+)?parte\s+en\s+dos",
        r"(?:se\s+me\s+)?rasga\w*|rasgon\w*",
    ),
    "chest_pain": (
        r"(?:dolor|duele\w*|opresion|presion|aprieta\w*|oprime\w*|punzada|pinchazo|ardor|"
        r"quema\w*)\s+(?:\w+\s+){0,4}?(?:en\s+|al\s+)?(?:el\s+)?pecho",
        r"pecho\s+(?:\w+\s+){0,2}?(?P<sym>duele\w*|dolor|aprieta\w*|oprime\w*|opresion|presion)",
        r"me\s+duele\s+el\s+pecho",
        r"dolor\s+toracico",
    ),
    "leg_weakness": (
        r"(?<!\w)(?:{LEG})(?!\w)" + _NEAR + r"(?P<sym>(?<!\w)(?:{WEAK}))",
        r"(?P<sym>(?<!\w)(?:{WEAK}))" + _NEAR + r"(?<!\w)(?:{LEG})(?!\w)",
        r"arrastr\w*\s+(?:el\s+|la\s+|un\s+)?(?:pie|pierna)",
        r"pie\s+caido|se\s+me\s+cae\s+el\s+pie",
        r"no\s+(?:puedo|consigo)\s+(?:ponerme|andar|caminar|estar)\s+de\s+(?:puntillas|talones)",
        r"(?:tropiezo|me\s+tropiezo)\s+con\s+(?:todo|mi\s+(?:propio\s+)?pie)",
        r"no\s+(?:lo|la)\s+(?:levanto|puedo\s+levantar|consigo\s+levantar)|"
        r"no\s+levanto\s+(?:bien\s+)?el\s+pie",
        r"no\s+(?:puedo|consigo)\s+levantar\s+(?:bien\s+)?(?:la\s+punta\s+del\s+|el\s+)pie",
        r"se\s+me\s+dobla\s+la\s+rodilla",
    ),
    "fever": (
        r"fiebre\w*|febril|febricula|calentura|escalofrio\w*|tiritando|tirito|"
        r"sudores\s+nocturnos",
        r"(?:3[89]|40)(?:[.,]\d)?\s*(?:de\s+fiebre|de\s+temperatura|grados|°)",
        r"(?:tengo|con)\s+(?:3[89]|40)(?:[.,]\d)?(?!\s*(?:anos|kilos|kg))",
        r"(?:tengo|con)\s+temperatura|temperatura\s+alta",
        r"sudando\s+(?:\w+\s+){0,2}?(?:por\s+las\s+noches|de\s+noche|por\s+la\s+noche)",
        r"sudor(?:es)?\s+(?:nocturnos|(?:por|de|en|durante)\s+la\s+noche|por\s+las\s+noches)",
    ),
    "trauma": (
        r"me\s+(?:cai|caigo|he\s+caido|caia)|(?<!\w)cai\s+(?:de|por|al|en|desde)|caida",
        r"me\s+(?:resbale|resbalo|he\s+resbalado|tropece\s+y)",
        r"accidente",
        r"choque|me\s+(?:choco|chocaron|han\s+chocado)",
        r"me\s+(?:atropell\w*|arroll\w*)|atropell\w*",
        r"me\s+(?:di|he\s+dado|dieron|han\s+dado|pegue|pegaron)\s+(?:un\s+)?(?:golpe|golpazo|"
        r"trompazo|porrazo|hostia|leche)",
        r"golpe\s+(?:fuerte\s+)?(?:en|contra)\s+(?:la\s+)?(?:espalda|columna|cabeza|coxis|"
        r"cadera)",
        r"me\s+golpe\w*|aterrice\s+de\s+espaldas?|cai\s+de\s+espaldas?",
        r"(?:coche|carro|auto|moto|camion|bici|bus)\s+me\s+(?:dio|golpeo|pego|arrollo|"
        r"atropello|embistio|choco)",
    ),
    "cancer_history": (
        r"cancer|tumor(?:es)?|melanoma|linfoma|leucemia|metastasis|quimio\w*|radioterapia|"
        r"oncolog\w*|carcinoma|sarcoma|mieloma",
    ),
    "fracture_risk": (
        r"(?:osteoporosis|osteopenia|corticoides|cortisona|corticoesteroides|esteroides|"
        r"prednison\w*)" + r"[^.!?;\n]{0,80}?(?P<sym>crack|crac|cruj\w*|chasquido|"
        r"(?:se\s+)?(?:rompio|partio)|hizo\s+(?:crac|crack|clic))",
        r"(?P<sym>crack|crac|cruj\w*|chasquido)[^.!?;\n]{0,80}?(?:osteoporosis|osteopenia|"
        r"corticoides|cortisona|esteroides)",
    ),
    "weight_loss": (
        r"(?:he\s+perdido|perdi|perdiendo|baje|bajado|bajando|bajo)\s+(?:\w+\s+){0,3}?"
        r"(?:peso|kilos?|kg|kgs)" + r"[^.!?;\n]{0,60}?(?P<sym>sin\s+(?:hacer\s+)?(?:dieta|querer|"
        r"intentarlo|motivo|razon|causa|proponermelo|buscarlo|hacer\s+nada)|no\s+se\s+(?:por\s+"
        r"que|porque)|como\s+(?:igual|normal|lo\s+mismo|bien)|sin\s+explicacion)",
        r"(?P<sym>sin\s+(?:hacer\s+)?(?:dieta|querer|motivo|razon))[^.!?;\n]{0,40}?"
        r"(?:he\s+perdido|perdi|baje|bajado)\s+(?:\w+\s+){0,3}?(?:peso|kilos?|kg)",
        r"(?P<sym>sin\s+(?:hambre|apetito)|no\s+tengo\s+(?:hambre|apetito)|no\s+como\s+nada)"
        r"[^.!?;\n]{0,40}?(?:pierdo|perdiendo|perdi|he\s+perdido)\s+(?:\w+\s+){0,2}?(?:peso|kilos?)",
        r"(?:pierdo|perdiendo|perdi|he\s+perdido)\s+(?:\w+\s+){0,2}?(?:peso|kilos?)[^.!?;\n]{0,40}?"
        r"(?P<sym>sin\s+(?:hambre|apetito)|no\s+tengo\s+(?:hambre|apetito)|no\s+como\s+nada)",
        r"adelga(?:c|z)\w*" + r"[^.!?;\n]{0,60}?(?P<sym>sin\s+(?:querer|motivo|razon|dieta|"
        r"intentarlo|hacer\s+(?:dieta|nada))|no\s+se\s+(?:por\s+que|porque)|como\s+(?:igual|normal|lo\s+"
        r"mismo|bien))",
    ),
    "leg_numbness": (
        r"(?<!\w)(?:{LEG})(?!\w)" + _NEAR + r"(?P<sym>(?<!\w)(?:{NUMB}))",
        r"(?P<sym>(?<!\w)(?:{NUMB}))" + _NEAR + r"(?<!\w)(?:{LEG})(?!\w)",
    ),
    "night_pain": (
        r"(?:{NIGHT})" + r"[^.!?;\n]{0,60}?(?P<sym>{NOT_EASED})",
        r"(?P<sym>{NOT_EASED})" + r"[^.!?;\n]{0,60}?(?:{NIGHT})",
    ),
}

_IDIOMS = (
    # tiredness, not a fall
    r"me\s+(?:cai|caigo|he\s+caido|caia)\s+(?:rendid[oa]|muert[oa]|redond[oa]|dormid[oa])",
    r"me\s+(?:caigo|cai|he\s+caido|estoy\s+cayendo)\s+del?\s+(?:sueno|cansancio|risa)",
    r"me\s+(?:cai|caigo)\s+de\s+la\s+risa",
    # astonishment: "me cai de culo cuando vi el precio" (a real fall has no "cuando vi")
    r"(?:me|te|se)\s+(?:cai|caigo|caes|cae|cayo|vas\s+a\s+caer|va\s+a\s+caer)\s+de\s+"
    r"(?:culo|espaldas?|poto|traste)\s+(?:cuando|al)\s+(?:vi|ves|veas|ver|lei|leer|oi|oir|"
    r"escuche|escuchar|supe|saber|me\s+entere|enterarme|te\s+enteres)",
    # things that fell, not the user
    r"se\s+me\s+(?:cayo|cae|cayeron)\s+(?:el|la|los|las|un|una)\s+\w+",
    r"se\s+me\s+(?:cayo|cae)\s+el\s+alma\s+a\s+los\s+pies",
    # laughter, not incontinence
    r"(?:casi|por\s+poco)\s+me\s+(?:meo|mee|hago\s+pis|hice\s+pis)(?:\s+encima)?",
    r"me\s+(?:meo|mee|muero)\s+de\s+(?:la\s+)?risa",
    # a queue, not the bottom: "hacer cola", "estuve una hora en la cola"
    r"hac\w*\s+(?:la\s+|una\s+)?cola|(?:en|a)\s+(?:la|una)\s+cola(?=\s+(?:del?|de\s+la|para|"
    r"y|e|,)|\s*$)|(?:estuve|estaba|esperando|espere|llevo|llevaba|pase)\s+(?:\w+\s+){0,3}?"
    r"(?:en\s+)?(?:la|una)\s+cola",
    # falling asleep, not a numb body
    r"me\s+(?:he\s+)?(?:quedado|quede|quedo)\s+dormid[oa]",
    # a clash of times, a muscle tear
    r"choque\s+de\s+(?:horarios|fechas|opiniones|culturas|trenes)",
    r"desgarro\s+(?:muscular|fibrilar|en\s+el\s+(?:gemelo|isquio|muslo|hombro|abductor))",
    # fever as enthusiasm
    r"fiebre\s+(?:del\s+sabado|de\s+(?:compras|futbol|oro)|del\s+(?:mundial|oro|futbol))",
    # a chest workout
    r"press\s+de\s+banca|pecho\s+(?:cargado|tirante)",
    # a signo del zodiaco
    r"(?:soy|signo)\s+cancer",
    r"el\s+gym\s+me\s+ha\s+matado",
    # a knock on a finger, a knee or the furniture is not the blow that matters
    r"(?:me\s+di|me\s+he\s+dado|choque|golpe\w*)\s+(?:\w+\s+){0,3}?(?:en|con|contra)\s+"
    r"(?:el|la|mi|un|una)\s+(?:dedo|dedos|mano|brazo|codo|rodilla|tobillo|espinilla|mesa|puerta|"
    r"esquina|mueble)\w*",
    # a leg gone to sleep from how one sits
    r"cruza\w*\s+(?:las\s+)?piernas|con\s+las\s+piernas\s+cruzadas",
)

_NEGATION = (
    r"no",
    r"sin",
    r"ni",
    r"nunca",
    r"jamas",
    r"nada\s+de",
    r"ningun\w*",
    r"tampoco",
    r"cero",
)

_LIST_WORDS = frozenset(
    """
    o ni u y el la los las lo mi mis un una de del en me se le tengo tiene noto siento
    hormigueo entumecimiento debilidad fiebre problemas problema piernas pierna pies pie
    nada raro ni
    """.split()
)

_RESOLVED = (
    r"hace\s+(?:\w+\s+)?(?:anos|ano|meses|decadas|mucho)",
    r"el\s+ano\s+pasado",
    r"de\s+(?:joven|nin[oa]|pequen[oa]|chic[oa])",
    r"cuando\s+(?:era|estaba)\s+(?:\w+\s+)?(?:joven|nin[oa]|pequen[oa]|embarazada)",
    r"en\s+el\s+embarazo|durante\s+el\s+embarazo|cuando\s+estaba\s+embarazada",
    r"ya\s+(?:se\s+me\s+|se\s+)?(?:paso|quito|fue)",
    r"se\s+me\s+(?:paso|ha\s+pasado|quito|ha\s+quitado)",
    r"ya\s+(?:estoy|esta)\s+bien",
    r"ahora\s+(?:ya\s+)?(?:bien|nada|estoy\s+bien|normal)",
    r"ya\s+nada",
    r"luego\s+(?:bien|normal|se\s+(?:me\s+)?paso)",
    r"(?:al\s+rato|despues)\s+(?:bien|se\s+(?:me\s+)?(?:paso|quito))",
    r"antes\s+tenia",
    r"(?:en\s+)?(?:19|20)\d\d",
)

_OTHER_PERSON = (
    r"(?:mi|a\s+mi|de\s+mi)\s+(?:abuel[oa]|padre|madre|papa|mama|herman[oa]|hij[oa]|"
    r"marido|mujer|espos[oa]|novi[oa]|pareja|amig[oa]|suegr[oa]|ti[oa]|prim[oa]|vecin[oa]|"
    r"perr[oa]|gat[oa]|jefe|jefa|companer[oa]|bebe|nene|nena|peque)\s+(?:\w+\s+){0,1}?"
    r"(?:tiene|tuvo|ha\s+tenido|tenia|esta|estaba|estuvo|dice|se|le|sufre|sufrio|fue)",
)

_HEARSAY = (
    r"(?:vi|he\s+visto|presencie)\s+(?:un|una|el|la)",
    r"lei|he\s+leido|leyendo",
    r"dicen\s+que|me\s+dijeron\s+que|escuche\s+que|oi\s+que",
    r"vi\s+(?:en|un)\s+(?:internet|un\s+video|video|tiktok|youtube|google)",
    r"segun\s+(?:google|internet|chatgpt)",
)

_DENIAL = (
    r"(?:pero\s+)?(?:yo\s+)?no\s+tengo\s+(?:eso|nada\s+de\s+eso)",
    r"no\s+es\s+mi\s+caso",
    r"(?:a\s+mi\s+)?no\s+me\s+pasa",
)

_PURE_RESOLUTION = (
    r"(?:y\s+)?(?:ya\s+)?(?:se\s+me\s+)?(?:ha\s+pasado|ha\s+quitado|ha\s+ido)",
    r"(?:y\s+)?ya\s+nada",
    r"(?:y\s+)?ya\s+no(?=\W*$)",
    r"(?:y\s+)?ya\s+estoy\s+bien",
    r"(?:todo\s+)?(?:bien|normal)(?=\W*$)",
    r"(?:ya\s+)?(?:se\s+me\s+)?(?:paso|quito|fue)",
    r"ya\s+(?:estoy|esta)\s+bien",
    r"ahora\s+(?:ya\s+)?(?:bien|nada|normal)",
)

# --------------------------------------------------------------------------- safety net

# What an emergency sign is about, for the one yes/no question when nothing was detected
# (domain/reading.py worth_asking). "hago pis normal", "el sexo bien": a topic the person
# says is fine is not asked about.
_FINE = (
    r"(?!\W+(?:(?!es\s)\w+\s+)?(?:bien(?!\s+(?:fuerte|feo|raro|mal|intens\w*|dur[oa]))|normal|"
    r"perfecto|ok|sin\s+problemas?))"
)
_SADDLE = (
    r"entrepierna|genital\w*|zona\s+genital\w*|zona\s+intima|partes\s+intimas|intimidad|perine\w*|ano|pene|"
    r"vagina\w*|vulva|labios\s+vaginales|testicul\w*|escroto|ahi\s+abajo|"
    r"entre\s+las\s+piernas|silla\s+de\s+montar"
)
_SEAT = r"culo|cola|nalgas?|gluteos?|trasero|pompis|pompas|poto|posaderas"
_EMERGENCY_TOPICS = (
    # bladder and bowel
    r"(?:orin\w*|vejiga|pis|pipi|mear|meo|meado|meada|meando|incontinen\w*|heces|caca|"
    r"cacas|hacer\s+de\s+vientre|esfinter\w*|chorro|defeca\w*|deposicion\w*|ir\s+al\s+bano)"
    + _FINE,
    # "no noto cuando estoy orinando", "no me entero de cuando tengo ganas de ir al bano"
    r"no\s+(?:noto|siento|me\s+entero|controlo)\s+(?:\w+\s+){0,5}?(?:orin\w*|vejiga|pis|pipi|mear|"
    r"caca|ir\s+al\s+bano)",
    # "no puedo mear": the "no" belongs to the sign, not a denial of it
    r"(?:no\s+(?:puedo|consigo|logro|controlo|aguanto)|sin\s+poder)\s+(?:\w+\s+)?(?:orinar|mear|hacer\s+"
    r"(?:pis|pipi|caca)|ir\s+al\s+bano|la\s+vejiga|el\s+pis|la\s+caca)",
    # the saddle area; "no siento nada en el culo" names a loss of feeling
    # "mi pene no tiene sensibilidad": the "no" after it is the sign
    r"(?<!nada\sraro\s)(?:" + _SADDLE + r")(?:\s+no\s+tiene\s+sensibilidad)?" + _FINE,
    r"no\s+(?:siento|noto|senti|note|tengo\s+sensibilidad)\s+(?:nada\s+)?(?:en\s+|por\s+)?"
    r"(?:el\s+|la\s+|los\s+|las\s+|mi\s+|mis\s+)?(?:zona\s+del?\s+)?(?:"
    + _SADDLE
    + "|"
    + _SEAT
    + r")",
    # sex
    r"(?:ereccion\w*|erectil|sexo|sexual\w*|relaciones|orgasmo|eyacul\w*)" + _FINE,
    r"no\s+se\s+me\s+(?:para|levanta)",
    r"no\s+(?:tengo|hay|consigo)\s+(?:\w+\s+)?(?:erecciones|orgasmos?)",
    r"no\s+(?:siento|senti|noto|note)\s+nada\s+(?:\w+\s+){0,2}(?:relaciones|sexo|pareja)",
    r"(?:pareja|relaciones|sexo|novi[oa])\s+no\s+(?:siento|senti|noto|note)\s+nada",
    # the chest; "pecho cargado del press de banca" is a workout, "de la tos" a cough
    r"(?:pecho|torax|esternon)(?!\s+(?:cargado|tirante|apretado|reventado|destrozado)\s+"
    r"(?:del?|despues|tras)\s+(?:\w+\s+)?(?:\w+\s+)?(?:press|flexiones|banca|gym|gimnasio|"
    r"pesas|entreno|fondos)|\s+(?:\w+\s+)?(?:era\s+)?(?:de|por)\s+la\s+tos)" + _FINE,
    # both legs
    r"(?:ambas|ambos|las\s+dos|los\s+dos|las\s+2|los\s+2)\s+(?:\w+\s+)?(?:piernas|pies|muslos|"
    r"pantorrillas|gemelos|lados|rodillas)|bilateral\w*",
    r"piernas\s+(?:\w+\s+){0,2}?(?:debiles|se\s+me\s+doblan|me\s+fallan|no\s+me\s+sostienen)|"
    r"se\s+me\s+(?:van\s+a\s+)?doblar?n?\s+las\s+piernas|como\s+que\s+se\s+me\s+van\s+a\s+doblar",
    # a tearing pain
    r"desgarr\w*|rasg(?:o|on|ado|ada|ara|aba|ando)\w*|como\s+si\s+me\s+arranc\w*",
)
# Where people also simply feel pain ("me duelen los gluteos"): a topic only with a change
# of feeling ("cuando me limpio no siento el papel"). "nada raro": the change said to be
# absent.
_SEAT_WORDS = (_SEAT, r"(?:al|cuando\s+me)\s+limpi\w*|me\s+limpio")
_FEELING_CHANGE = (
    r"dormid\w*|durmi\w*|duerme\w*|adormecid\w*|entumecid\w*|acorchad\w*|de\s+corcho|"
    r"hormigue\w*|insensib\w*|sensibilidad|anestesiad\w*|(?<!nada\s)raro|(?<!nada\s)rara|"
    r"(?<!nada\s)extran[oa]|como\s+si\s+no\s+fuera\s+mio|no\s+(?:siento|noto)(?:\s+nada)?",
)


LEXICON = Lexicon(
    code="es",
    strip_accents=True,
    typos={
        "fievre": "fiebre",
        "fibre": "fiebre",
        "febre": "fiebre",
        "ormigeo": "hormigueo",
        "ormigueo": "hormigueo",
        "hormigeo": "hormigueo",
        "ormiguo": "hormigueo",
        "dolro": "dolor",
        "dolr": "dolor",
        "dlor": "dolor",
        "ciatca": "ciatica",
        "siatica": "ciatica",
        "dcha": "derecha",
        "izq": "izquierda",
        "izqda": "izquierda",
        "xq": "porque",
        "pq": "porque",
        "q": "que",
        "k": "que",
        "tmb": "tambien",
        "tb": "tambien",
        "y medio": "½",
        "y media": "½",
    },
    number_words=_NUMBER_WORDS,
    pain_words=_PAIN_WORDS,
    areas=_AREAS,
    weak_areas=frozenset({r"por\s+todas\s+partes", r"cintura"}),
    approximate_before=(
        r"unos",
        r"unas",
        r"un",
        r"como",
        r"como\s+un",
        r"mas\s+o\s+menos",
        r"mas\s+o\s+menos\s+un",
        r"(?:x|por)\s+ahi",
        r"(?:x|por)\s+ahi\s+un",
        r"alrededor\s+de",
        r"alrededor\s+de\s+un",
        r"aprox\.?",
        r"aproximadamente",
        r"tipo",
        r"tipo\s+un",
        r"(?:yo\s+)?diria(?:\s+que)?(?:\s+un)?",
        r"(?:yo\s+)?le\s+(?:daria|doy|pondria|pongo)(?:\s+un)?",
        r"quizas?(?:\s+un)?",
        r"tal\s+vez(?:\s+un)?",
        r"casi(?:\s+un)?",
        r"en\s+un",
        r"nivel",
        r"es\s+un",
    ),
    approximate_after=(
        r"mas\s+o\s+menos",
        r"aprox\.?",
        r"largo",
        r"corto",
        r"o\s+asi",
        r"(?:x|por)\s+ahi",
        r"de\s+dolor",
    ),
    out_of=(r"de", r"sobre"),
    scale_phrases=(
        r"(?:en\s+)?(?:una\s+)?escala\s+(?:del?\s+)?(?:0|1|cero|uno)\s+(?:al?|-)\s+(?:10|diez)",
    ),
    range_words=(r"o", r"u"),
    from_words=(r"de", r"desde"),
    to_words=(r"a", r"hasta"),
    between_words=(r"entre", r"y"),
    unit_words=frozenset(
        """
        minutos minuto min mins horas hora h hs hrs km kms kilometros metros m kilos kilo kg
        kgs anos ano dias dia semanas semana meses mes veces vez paseos paseo sentadillas
        series serie repeticiones reps flexiones pastillas pastilla comprimidos mg ml cafes
        cafe hijos hijas hijo hija nietos pasos litros ibuprofeno ibuprofenos paracetamol
        paracetamoles am pm sesiones euros pisos cigarros vasos grados
        """.split()
    ),
    non_level_before=frozenset(
        """
        las la dia tengo cumpli cumplo cumple hace habitacion sala piso version bus linea
        numero capitulo semana tiene el desde hasta dentro cada sobre hacia del
        """.split()
    ),
    level_before=(r"(?:esta|estoy|estaba|sigue|anda)\s+(?:en|a)", r"dolor\s+(?:en|a)"),
    no_pain=(
        r"sin\s+dolor(?:es)?",
        r"nada\s+de\s+dolor",
        r"cero\s+dolor",
        r"no\s+me\s+duele(?:\s+nada)?",
        r"ningun\s+dolor",
        r"no\s+tengo\s+dolor(?:es)?",
        r"libre\s+de\s+dolor",
        r"no\s+hay\s+dolor",
    ),
    report_words=_REPORT_WORDS,
    past_markers=(
        r"estaba",
        r"era",
        r"fue",
        r"antes",
        r"ayer",
        r"anoche",
        r"esta\s+manana",
        r"al\s+despertar(?:me)?",
        r"empece",
        r"empezo",
    ),
    current_markers=(
        r"ahora(?:\s+mismo)?",
        r"ahorita",
        r"hoy",
        r"ya",
        r"actualmente",
        r"despues",
        r"tras",
    ),
    yesterday=(r"ayer", r"anteayer", r"la\s+semana\s+pasada"),
    question_starts=(
        # Spanish asks without turning the sentence round: "¿el 4 está bien?", "6 es mucho?"
        r"(?:el\s+|un\s+)?\d+\s+(?:esta|es|seria|estaria)\s+(?:\w+\s+)?(?:bien|mal|mucho|poco|"
        r"normal|alto|bajo|grave|demasiado)",
        r"que",
        r"cuanto",
        r"cuando",
        r"donde",
        r"es",
        r"esta",
        r"puedo",
        r"se\s+puede",
        r"debo",
        r"deberia",
        r"por\s+que",
        r"hay",
        r"vale",
        r"quedamos",
    ),
    clause_words=(r"pero", r"y", r"luego", r"aunque"),
    word_classes=_WORD_CLASSES,
    sign_patterns={
        code: tuple(_whole_words(p) for p in patterns) for code, patterns in _SIGN_PATTERNS.items()
    },
    idioms=tuple(_whole_words(p) for p in _IDIOMS),
    exercise=(
        r"(?:despues|tras)\s+(?:de\s+)?(?:el\s+|la\s+|los\s+|las\s+|una\s+|un\s+)?(?:gym|gimnasio|"
        r"entreno|entrenamiento|correr|carrera|maraton|media\s+maraton|sentadillas|spinning|"
        r"crossfit|partido|ruta|caminata|excursion|subida)",
        r"dia\s+de\s+pierna",
        r"(?:el|del)\s+(?:gym|gimnasio|entreno)",
    ),
    contrast_words=(
        r"pero",
        r"aunque",
        r"sino",
        r"solo",
        r"solamente",
        r"excepto",
        r"salvo",
        r"ahora",
        r"luego",
        r"menos\s+mal",
    ),
    clause_break_words=(r"y", r"e", r"porque", r"pues", r"ademas", r"tambien", r"mientras"),
    negation_words=_NEGATION,
    negation_window=3,
    list_words=_LIST_WORDS,
    negation_after=(
        r"ningun[oa]?",
        r"no\s+(?:tengo|tiene|hay|he\s+tenido|noto|siento)",
        r"nada(?!\s+mas)",
        r"cero",
        r"no(?=\s*(?:[,.;!?]|$))",
    ),
    resolved_words=_RESOLVED,
    other_person_words=_OTHER_PERSON,
    hearsay_words=_HEARSAY,
    denial_words=_DENIAL,
    pure_resolution=_PURE_RESOLUTION,
    emergency_topics=_EMERGENCY_TOPICS,
    seat_words=_SEAT_WORDS,
    feeling_change=_FEELING_CHANGE,
)
