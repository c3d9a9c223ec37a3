"""German: how people write about back pain in a chat, for domain/reading.py.

Words are written folded, as the engine sees them: lower case, "ä" -> "ae", "ö" -> "oe",
"ü" -> "ue", "ß" -> "ss". People who type without umlauts write "ae"/"oe"/"ue" (the same
folded form) or just "a"/"o"/"u": fragments cover that with ``ue?`` where it matters
("r(?:ue|u)cken", "f(?:ue|u)nf").
"""

from __future__ import annotations

from domain.lexicons import Lexicon

_U = "(?:ue|u)"  # "ü" typed as "ue" or as "u"
_O = "(?:oe|o)"
_A = "(?:ae|a)"

_NUMBER_WORDS = {
    "null": 0, "eins": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fuenf": 5, "funf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwoelf": 12,
    "zwolf": 12,
}  # fmt: skip

LEXICON = Lexicon(
    code="de",
    letter_map={"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"},
    typos={
        "schmertzen": "schmerzen",
        "schmerzn": "schmerzen",
        "schemrzen": "schmerzen",
        "schmezen": "schmerzen",
        "rueken": "ruecken",
        "rucken": "ruecken",
        "ruecke": "ruecken",
        "fiber": "fieber",
        "taup": "taub",
        "tabu": "taub",
        "kribelt": "kribbelt",
        "kribeln": "kribbeln",
        "nich": "nicht",
        "nciht": "nicht",
        "nit": "nicht",
        "net": "nicht",
        "ned": "nicht",
        "nix": "nichts",
        "hab": "habe",
        "hab'": "habe",
        "grad": "gerade",
        "grade": "gerade",
        "gard": "gerade",
        "is": "ist",
        "isst": "ist",
        "iss": "ist",
        "mom": "momentan",
        "vllt": "vielleicht",
        "vlt": "vielleicht",
        "evtl": "eventuell",
        "bissl": "bisschen",
        "bissel": "bisschen",
        "bischen": "bisschen",
        "kp": "keine ahnung",
    },
    number_words=_NUMBER_WORDS,
    pain_words=(
        r"\w*schmerz\w*",
        r"schmerzt",
        r"tut\s+(?:\w+\s+){0,2}?weh",
        r"tun\s+(?:\w+\s+){0,2}?weh",
        r"weh",
        r"aua",
        r"autsch",
        r"au",
        r"aetzend",
        r"zieht",
        r"ziehen",
        r"sticht",
        r"stechen\w*",
        r"brennt",
        r"steif\w*",
        r"verspann\w*",
        r"verkrampf\w*",
        r"krampf\w*",
        r"blockiert\w*",
        r"blockade",
        r"hexenschuss",
        r"ischias\w*",
        r"bandscheibe\w*",
        r"pein",
        r"beschwerden",
        r"ruecken\w*",
        r"kreuz",
        r"lws",
        r"hws",
        r"bws",
    ),
    areas={
        # lower back
        r"unter(?:e|en|er|es)?\s+r" + _U + r"cken": "lb",
        r"unten\s+am\s+r" + _U + r"cken": "lb",
        r"lws": "lb",
        r"lendenwirbel\w*": "lb",
        r"lende\w*": "lb",
        r"kreuz": "lb",
        r"kreuzbein": "lb",
        r"ilio\w*": "lb",
        r"isg": "lb",
        r"ste(?:ue|u|i)ssbein": "lb",
        r"hexenschuss": "lb",
        # upper back
        r"ober(?:e|en|er|es)?\s+r" + _U + r"cken": "ub",
        r"bws": "ub",
        r"brustwirbel\w*": "ub",
        r"schulterbl" + _A + r"tt(?:er|ern)?": "ub",
        # neck and shoulders
        r"nacken": "ns",
        r"genick": "ns",
        r"hws": "ns",
        r"halswirbel\w*": "ns",
        r"schulter": "ns",
        r"schultern": "ns",
        r"nacken\s+und\s+schultern?": "ns",
        r"schulter-?nacken\w*": "ns",
        # whole back
        r"ganze[nr]?\s+r" + _U + r"cken": "wb",
        r"komplette[nr]?\s+r" + _U + r"cken": "wb",
        r"ganze\s+wirbels" + _A + r"ule": "wb",
        r"(?:ue|u)berall": "wb",
        r"alles\s+tut\s+weh": "wb",
        # hip and buttock together
        r"h" + _U + r"fte\s+und\s+po": "hb",
        # leg
        r"bein": "lg",
        r"beine": "lg",
        r"beinen": "lg",
        r"oberschenkel": "lg",
        r"wade": "lg",
        r"waden": "lg",
        r"ischias\w*": "lg",
        r"ins\s+bein": "lg",
        # between the shoulder blades
        r"zwischen\s+(?:den\s+)?schulterbl" + _A + r"ttern": "bs",
        # mid back
        r"mittler(?:e|en|er)?\s+r" + _U + r"cken": "mb",
        r"mitte\s+(?:des|vom)\s+r" + _U + r"ckens?": "mb",
        # buttock
        r"po": "bu",
        r"popo": "bu",
        r"pobacke\w*": "bu",
        r"hintern": "bu",
        r"gesaess": "bu",
        r"gesass": "bu",
        r"arsch": "bu",
        # hip
        r"h" + _U + r"fte": "hp",
        r"h" + _U + r"ften": "hp",
    },
    weak_areas=frozenset({r"(?:ue|u)berall", r"po", r"arsch", r"bein"}),
    approximate_before=(
        r"so",
        r"so\s+etwa",
        r"etwa",
        r"ungef" + _A + r"hr",
        r"ungefaehr\s+(?:eine|ne|'ne)",
        r"ca\.?",
        r"circa",
        r"zirka",
        r"so\s+um\s+die",
        r"um\s+die",
        r"so\s+(?:ne|'ne|eine|n)",
        r"(?:ne|'ne|eine|ner|'n)",
        r"(?:ist|is|bin|sind|war|liegt|liege|lag)\s+(?:bei|auf)",
        r"bei",
        r"auf",
        r"knapp",
        r"fast",
        r"gute",
        r"glatte",
        r"starke",
        r"schwache",
        r"leichte",
        r"solide",
        r"sch" + _A + r"tze",
        r"w" + _U + r"rde?\s+sagen",
        r"w" + _U + r"rd\s+sagen",
        r"vielleicht",
        r"eventuell",
        r"wohl",
        r"bestimmt",
        r"locker",
        r"mindestens",
        r"level",
        r"stufe",
        r"wert",
        r"~",
    ),
    approximate_after=(r"oder\s+so", r"rum", r"herum", r"ungef" + _A + r"hr", r"ish", r"-ish"),
    out_of=(r"von", r"aus", r"v\."),
    scale_phrases=(
        r"(?:auf\s+)?(?:einer\s+)?skala\s+(?:von\s+)?(?:0|1|null|eins)\s*(?:-|–|bis)\s*(?:10|zehn)",
    ),
    range_words=(r"bis", r"oder"),
    from_words=(r"von",),
    to_words=(r"auf", r"zu", r"nach"),
    between_words=(r"zwischen", r"und"),
    unit_words=frozenset(
        """
        % ° € uhr h std stunde stunden min mins minute minuten sek sekunden tag tage tagen
        woche wochen monat monate monaten jahr jahre jahren jahrn km m meter cm mm kg kilo g
        mal x euro eur grad schritte schritt stueck tablette tabletten pille pillen mg ml
        kinder kind leute personen stock etagen treppen runden wiederholungen wdh saetze
        satz liegestuetze kniebeugen ibu ibuprofen paracetamol novalgin diclo diclofenac
        voltaren aspirin tramal tilidin ter ten te
        """.split()
    ),
    non_level_before=frozenset(
        """
        seit um ab bis tag woche monat jahr nr nummer bus linie zimmer alter bin werde wurde
        seite kapitel runde satz version gleis top dosis nehme nahm genommen ibu ibuprofen
        paracetamol novalgin diclo mit fuer vor
        """.split()
    ),
    level_before=(r"(?:ist|bin|liegt|liege)\s+bei", r"bin\s+auf", r"level", r"stufe"),
    no_pain=(
        r"keine\s+(?:r" + _U + r"cken)?schmerzen(?:\s+mehr)?",
        r"kein\s+schmerz",
        r"null\s+schmerzen",
        r"schmerzfrei",
        r"tut\s+(?:gar\s+)?(?:nichts|nix|nicht)\s+(?:mehr\s+)?weh",
        r"nichts\s+tut\s+weh",
        r"ohne\s+schmerzen",
    ),
    report_words=frozenset(
        """
        heute heut jetzt gerade grad momentan mom aktuell moment im am bei ist war bin so
        etwa ungefaehr ungefahr ca circa eine ne n ner ich wuerde wurde wuerd wurd sagen
        schaetze schatze mal morgens abends mittags nachts heute morgen abend frueh level
        stufe wert schmerz schmerzen noch immer wieder nur auch schon eher glaube denke
        vielleicht ok okay ja naja na hmm also und aber dann vorher nachher danach davor
        gestern seit es sich fuehlt fuhlt an wie von auf runter hoch gestiegen gesunken
        besser schlechter gleich rum oder tag guter schlechter zur zeit zurzeit inzwischen
        mittlerweile eigentlich ziemlich recht sehr bisschen etwas wohl locker knapp fast
        """.split()
    ),
    past_markers=(
        r"war",
        r"waren",
        r"vorhin",
        r"vorher",
        r"davor",
        r"gestern",
        r"erst",
        r"anfangs",
        r"zuerst",
        r"fr" + _U + r"h",
        r"heute\s+fr" + _U + r"h",
        r"heute\s+morgen",
        r"morgens",
        r"letzte\s+nacht",
        r"von",
        r"vor\s+dem",
        r"vor\s+der",
    ),
    current_markers=(
        r"jetzt",
        r"gerade",
        r"momentan",
        r"aktuell",
        r"nun",
        r"inzwischen",
        r"mittlerweile",
        r"nach\s+dem",
        r"nach\s+der",
        r"danach",
        r"nachher",
        r"auf",
        r"runter\s+auf",
        r"heute\s+abend",
        r"zurzeit",
        r"zur\s+zeit",
    ),
    yesterday=(r"gestern", r"letzte\s+woche", r"vorgestern"),
    question_starts=(
        "ist",
        "sind",
        "soll",
        "sollte",
        "kann",
        "koennte",
        "darf",
        "muss",
        "was",
        "wie",
        "warum",
        "wieso",
        "weshalb",
        "wann",
        "wo",
        "wer",
        "welche",
        "welcher",
        "welches",
        "hilft",
        "bringt",
        "geht",
        "hat",
        "haben",
        "macht",
    ),  # fmt: skip
    clause_words=(r"aber", r"dann", r"und", r"doch"),
    # ------------------------------------------------------------------ warning signs
    word_classes={
        "SADDLE": (
            r"schritt\w*|intimbereich\w*|intim\w*|genital\w*|reithose\w*|damm|dammbereich|"
            r"po|popo|hintern|gesaess|gesass|pobacke\w*|arsch\w*|after|anus|poloch|"
            r"penis|glied|pimmel|schwanz|hoden|sack|eier|scheide|vagina|schamlippen|"
            r"muschi|klitoris|innenschenkel\w*|innenseite(?:n)?\s+(?:der|von\s+den|meiner)\s+"
            r"oberschenkel\w*|unten\s*rum|untenrum|da\s+unten|zwischen\s+den\s+beinen|"
            r"sitzfl" + _A + r"che|beim\s+abwischen|wenn\s+ich\s+(?:mich\s+)?abwische|"
            r"auf\s+(?:dem|der)\s+(?:klo|toilette)"
        ),
        "NUMB": (
            r"taub\w*|gef" + _U + r"hllos\w*|kribbel\w*|kribbl\w*|ameisen\w*|pelzig\w*|"
            r"eingeschlafen|schlaeft\s+ein|schlafen\s+ein|abgestorben|wie\s+tot|"
            r"wie\s+(?:in\s+)?watte|(?:kein|keinerlei|wenig|weniger|kaum|null)\s+gef"
            + _U
            + r"hl|gef"
            + _U
            + r"hl\s+(?:ist\s+)?(?:weg|verloren|anders|komisch)|"
            r"(?:nicht|nichts|nix|kaum)\s+(?:mehr\s+)?(?:richtig\s+)?(?:sp" + _U + r"r\w*|"
            r"f" + _U + r"hl\w*)|sp" + _U + r"re\s+(?:da\s+|dort\s+|es\s+)?(?:nichts|nix|kaum)|"
            r"f" + _U + r"hlt\s+sich\s+(?:\w+\s+){0,2}?(?:taub|fremd|tot|komisch|anders)"
        ),
        "LEGS": (
            r"beine|beinen|f" + _U + r"sse|f" + _U + r"ssen|beide[nr]?\s+(?:\w+\s+)?"
            r"(?:beine?n?|f" + _U + r"sse?n?|seiten|oberschenkeln?|waden)|oberschenkeln|waden"
        ),
        "LEG": (
            r"bein|fuss|fu" + "ss" + r"|zeh\w*|oberschenkel|wade|unterschenkel|schienbein|"
            r"knie|ferse|fusssohle|sohle|kn" + _O + r"chel|fussr" + _U + r"cken"
        ),
        "WEAK": (
            r"schwach\w*|schw" + _A + r"che\w*|kraftlos\w*|keine\s+kraft|null\s+kraft|"
            r"kraft\s+(?:ist\s+)?weg|knick\w*\s+(?:\w+\s+)?(?:weg|ein)|weggeknickt|"
            r"eingeknickt|sackt\w*\s+weg|weggesackt|gibt\s+nach|geben\s+nach|gab\w*\s+nach|"
            r"nachgegeben|wackel\w*|wie\s+pudding|wackelpudding|versag\w*|"
            r"tr" + _A + r"gt\s+mich\s+nicht|tragen\s+mich\s+nicht|"
            r"(?:kann|konnte|koennen)\s+(?:\w+\s+)?(?:kaum|nicht)\s+(?:mehr\s+)?"
            r"(?:richtig\s+)?(?:stehen|laufen|gehen|auftreten|heben|anheben)|gel"
            + _A
            + r"hmt|l"
            + _A
            + r"hmung"
        ),
        "PEE": r"pinkeln|pieseln|pissen|urinieren|wasser\s+lassen|aufs\s+klo|pipi\s+machen",
        "URINE": r"urin|pipi|blase|harn\w*|strahl|wasser|pinkel\w*|pisse",
        "HOLD": r"halten|einhalten|kontrollieren|zur" + _U + r"ckhalten",
        "NIGHT": (
            r"nachts|in\s+der\s+nacht|die\s+ganze\s+nacht|jede\s+nacht|(?:mitten\s+)?in\s+der"
            r"\s+nacht|im\s+bett|beim\s+liegen|im\s+liegen|nachtschmerz\w*"
        ),
        "NOT_EASED": (
            r"(?:egal|ganz\s+egal)\s+wie\s+ich\s+(?:mich\s+)?(?:lieg\w*|leg\w*|dreh\w*)|"
            r"keine\s+(?:position|lage|stellung)\s+(?:\w+\s+)?(?:hilft|geht|bringt)|"
            r"nichts\s+hilft|hilft\s+nichts|hilft\s+nix|in\s+ruhe\s+schlimmer|"
            r"(?:kann|konnte)\s+(?:\w+\s+){0,2}?nicht\s+(?:schlafen|liegen)"
        ),
        "JOLT": (
            r"nies\w*|genies\w*|hust\w*|geh"
            + _U
            + r"stet|heb\w*|gehoben|b"
            + _U
            + r"ck\w*|geb"
            + _U
            + r"ckt|knack\w*|geknackt|knacks|gestolpert|stolper\w*|"
            r"umgeknickt|gedreht|verdreht|ruck\w*|gestoss\w*|angestoss\w*|hingesetzt|plumps\w*"
        ),
        "BONE_RISK": (
            r"osteopor\w*|osteopenie|knochenschwund|br" + _U + r"chige\s+knochen|"
            r"d"
            + _U
            + r"nne\s+knochen|(?:seit\s+jahren|lange|dauerhaft|t"
            + _A
            + r"glich|jahrelang)\s+(?:\w+\s+){0,2}?(?:kortison|cortison|prednisolon|steroide?)|"
            r"(?:kortison|cortison|prednisolon|steroide?)\s+(?:\w+\s+){0,2}?(?:seit\s+jahren|"
            r"dauerhaft|t" + _A + r"glich|jahrelang|langzeit)|langzeit\w*\s*(?:kortison|"
            r"cortison|steroid\w*)"
        ),
        "WEIGHT_LOST": (
            r"abgenommen|(?:\d+|ein\w*|zwei|drei|vier|f" + _U + r"nf|zehn|paar)\s*"
            r"(?:kilo|kg)\s+(?:\w+\s+){0,2}?(?:weniger|verloren|runter)|gewicht\s+verloren|"
            r"an\s+gewicht\s+verloren|nehme\s+(?:\w+\s+)?ab|werde\s+(?:immer\s+)?d"
            + _U
            + r"nner|hosen?\s+(?:\w+\s+)?(?:rutsch\w*|zu\s+weit|schlackern)"
        ),
        "UNMEANT": (
            r"ohne\s+(?:\w+\s+)?(?:grund|di" + _A + r"t|es\s+zu\s+wollen|absicht|zu\s+wollen)|"
            r"einfach\s+so|ungewollt|unerkl" + _A + r"rlich\w*|keine\s+ahnung\s+warum|"
            r"wei(?:ss|s)\s+nicht\s+warum|von\s+selbst|von\s+allein\w*|obwohl\s+ich\s+"
            r"(?:normal|genug|viel|ganz\s+normal)\s+esse|kein\s+appetit|keinen\s+appetit"
        ),
        "SYMPTOM_NOUN": (
            r"(?:oder\s+|noch\s+)?(?:taubheit\w*|kribbeln|schw" + _A + r"che|fieber|"
            r"schmerzen|probleme\w*|l" + _A + r"hmung\w*|gef" + _U + r"hlsst" + _O + r"rung\w*)"
        ),
    },
    sign_patterns={
        "saddle_numbness": (
            r"(?P<sym>{NUMB})[^.!?;\n]{0,40}?(?<!\w)(?:{SADDLE})(?!\w)",
            r"(?<!\w)(?:{SADDLE})(?!\w)[^.!?;\n]{0,40}?(?P<sym>{NUMB}|f"
            + _U
            + r"hlt\s+sich\s+(?:\w+\s+){0,2}?(?:komisch|anders|seltsam))",
            r"reithosen\w*",
            r"(?:wie\s+)?auf\s+(?:einem\s+)?(?:kissen|watte)\s+sitz\w*",
        ),
        "bladder_bowel": (
            r"inkontinen\w*",
            r"(?P<sym>(?:kann|konnte|koennen|schaffe?)\s+(?:\w+\s+){0,3}?(?:nicht|kaum)\s+"
            r"(?:mehr\s+)?(?:richtig\s+)?){HOLD}",
            r"(?<!\w)(?:{URINE}|stuhl\w*|kot)(?!\w)[^.!?;\n]{0,30}?(?P<sym>(?:nicht|kaum)\s+"
            r"(?:mehr\s+)?(?:richtig\s+)?{HOLD})",
            r"(?:in\s+die\s+hose|ins\s+bett)\s+(?:gemacht|gepinkelt|gepullert)",
            r"eingen" + _A + r"sst|eingepinkelt|eingemacht|eingekotet",
            r"(?:hose|unterhose|slip|bett)\s+(?:\w+\s+){0,2}?nass\b(?!\s+(?:geschwitzt|vom))",
            r"(?P<sym>(?:kann|konnte)\s+(?:\w+\s+){0,2}?(?:nicht|kaum)\s+(?:mehr\s+)?)(?:{PEE})",
            r"(?P<sym>(?:probleme|schwierigkeiten|m" + _U + r"he)\s+(?:\w+\s+){0,2}?(?:beim\s+|"
            r"mit\s+dem\s+)?)(?:{PEE}|wasserlassen|urinieren)",
            r"(?:blase|darm)\s+(?:\w+\s+){0,3}?(?:nicht|nie)\s+(?:mehr\s+)?(?:richtig\s+|ganz\s+)?"
            r"(?:leer|entleer\w*)",
            r"(?:blase|darm)\s+(?:spielt|macht)\s+(?:\w+\s+)?nicht\s+(?:mehr\s+)?mit",
            r"(?:blasen|darm)\w*\s*(?:probleme|schw" + _A + r"che|st" + _O + r"rung\w*)",
            r"harnverhalt\w*",
            r"(?P<sym>(?:merk\w*|sp" + _U + r"r\w*|f" + _U + r"hl\w*)\s+(?:\w+\s+){0,2}?"
            r"(?:nicht|kaum|nichts|nix)(?:\s+mehr)?)[^.!?;\n]{0,20}?(?:wann|ob|wenn)\s+ich\s+"
            r"(?:\w+\s+){0,2}?(?:muss|pinkeln|aufs\s+klo|auf\s+toilette)",
            r"(?:strahl|urin|pinkeln)\s+(?:\w+\s+){0,3}?(?:schwach|tr" + _O + r"pfel\w*|stockt|"
            r"kommt\s+(?:kaum|nicht|nur\s+tropfenweise))",
            r"tr" + _O + r"pfel\w*\s+(?:\w+\s+){0,2}?(?:nach|beim)",
            r"(?:stuhl|stuhlgang|darm)\s+(?:\w+\s+){0,2}?(?:nicht\s+(?:mehr\s+)?kontroll\w*|"
            r"unkontrolliert)",
            r"(?:urin|stuhl|kot)\s+verloren",
            r"(?:pinkel|pipi|urin)\w*\s+(?:\w+\s+){0,3}?(?:l" + _A + r"uft|geht|kommt)\s+"
            r"(?:einfach\s+)?(?:so\s+)?(?:raus|ab|weg)",
        ),
        "both_legs": (
            r"(?P<sym>{NUMB}|{WEAK})[^.!?;\n]{0,40}?(?<!\w)(?:{LEGS})(?!\w)",
            r"(?<!\w)(?:{LEGS})(?!\w)[^.!?;\n]{0,40}?(?P<sym>{NUMB}|{WEAK})",
            r"(?:in|bis\s+in)\s+beide\s+beine",
            r"beidseitig\w*\s+(?:\w+\s+)?(?:ischias|ausstrahl\w*|taub\w*)",
        ),
        "sexual_dysfunction": (
            r"erekti\w*\s*(?:probleme|st" + _O + r"rung\w*)|(?:keine|kaum)\s+erektion\w*",
            r"(?:krieg\w*|bekomm\w*)\s+(?:\w+\s+)?(?:keinen|nicht\s+mehr)\s+(?:\w+\s+)?hoch",
            r"steht\s+nicht\s+mehr",
            r"impoten\w*|potenzprobleme\w*",
            r"(?:beim|im)\s+(?:sex|bett)\s+(?:\w+\s+){0,3}?(?:nichts|nix|kaum\s+was|weniger)\s+"
            r"(?:mehr\s+)?(?:gesp" + _U + r"rt|sp" + _U + r"r\w*|gef" + _U + r"hl\w*)",
            r"(?:kann|konnte)\s+(?:nicht\s+mehr|keinen|nicht)\s+(?:zum\s+)?(?:orgasmus|"
            r"kommen|h" + _O + r"hepunkt)",
            r"(?:sex|geschlechtsverkehr)\s+(?:\w+\s+){0,3}?(?:taub|anders|nichts\s+gesp"
            + _U
            + r"rt|kein\s+gef"
            + _U
            + r"hl)",
        ),
        "tearing_pain": (
            r"rei(?:ss|s)end\w*",
            r"zerrei(?:ss|s)\w*",
            r"(?:als\s+ob|als\s+w" + _U + r"rde|wie\s+wenn)\s+(?:\w+\s+){0,4}?(?:rei(?:ss|s)t|"
            r"zerrei(?:ss|s)t|zerrissen|rei(?:ss|s)en)",
            r"(?:was|etwas)\s+(?:\w+\s+){0,2}?(?:gerissen|zerrissen|rei(?:ss|s)t)",
            r"durch\s+bis\s+(?:in\s+)?(?:den\s+)?(?:bauch|brust)",
        ),
        "chest_pain": (
            r"brustschmerz\w*",
            r"(?:schmerz\w*|druck|enge\w*|stechen|ziehen|brennen)\s+(?:\w+\s+){0,2}?(?:in|auf|"
            r"an)\s+(?:der|die|meiner)\s+brust",
            r"brust\s+(?:\w+\s+)?(?:tut\s+weh|schmerzt|eng|drueckt|druckt|zieht|sticht|brennt)",
            r"engegef" + _U + r"hl\s+(?:\w+\s+){0,2}?brust|brustenge|druck\s+auf\s+der\s+brust",
            r"brustkorb\s+(?:\w+\s+)?(?:tut\s+weh|schmerzt|eng|drueckt|druckt|zieht|sticht)",
        ),
        "leg_weakness": (
            r"(?P<sym>{WEAK})[^.!?;\n]{0,40}?(?<!\w)(?:{LEG})(?!\w)",
            r"(?<!\w)(?:{LEG})(?!\w)[^.!?;\n]{0,40}?(?P<sym>{WEAK}|schleif\w*|h"
            + _A
            + r"ngt\s+(?:runter|herab))",
            r"fu(?:ss|s)heber\w*|fallfu(?:ss|s)|steppergang",
            r"(?P<sym>(?:kann|konnte)\s+(?:\w+\s+){0,2}?nicht\s+(?:mehr\s+)?)(?:auf\s+(?:den\s+)?"
            r"(?:zehen|fersen|zehenspitzen)|(?:den\s+)?fu(?:ss|s)\s+(?:an)?heben)",
            r"stolper\w*\s+(?:\w+\s+){0,2}?(?:"
            + r"(?:ue|u)ber\s+)?(?:meinen|den)\s+(?:eigenen\s+)?"
            r"fu(?:ss|s)",
        ),
        "fever": (
            r"fieber\w*",
            r"fiebrig",
            r"sch" + _U + r"ttelfrost",
            r"(?<![\d.,])(?:3[89]|4[01])[.,][0-9]\s*(?:°|grad)?",
            r"(?:temperatur|temp)\s+(?:\w+\s+){0,2}?(?:3[89]|4[0-2])(?:[.,][0-9])?",
            r"(?:erh" + _O + r"hte|hohe)\s+temperatur",
            r"nachtschwei(?:ss|s)",
            r"(?:f" + _U + r"hle\s+mich|bin)\s+(?:\w+\s+)?(?:krank|grippig|fiebrig)",
            r"grippig|gl" + _U + r"he\s+(?:total|richtig)?",
            r"frier\w*\s+und\s+schwitz\w*|schwitz\w*\s+und\s+frier\w*",
        ),
        "trauma": (
            r"gest" + _U + r"rzt|hingefallen|hinfallen|umgefallen|runtergefallen|"
            r"hingeflogen|hingeknallt|hingelegt\s+auf\s+(?:dem\s+)?(?:eis|glatteis)",
            r"sturz|treppensturz",
            r"(?:bin|ist)\s+(?:\w+\s+){0,3}?(?:gefallen|gest" + _U + r"rzt)",
            r"unfall|autounfall|auffahrunfall|fahrradunfall|motorradunfall|skiunfall|"
            r"arbeitsunfall|verkehrsunfall",
            r"schleudertrauma",
            r"ausgerutscht|ausgerutsch",
            r"(?:von|vom)\s+(?:der|dem|einer|einem)?\s*(?:leiter|fahrrad|rad|pferd|dach|"
            r"motorrad|roller|baum|mauer|treppe)\s+(?:\w+\s+)?(?:gefallen|gest"
            + _U
            + r"rzt|gefallen)",
            r"(?:auf\s+den|aufs)\s+(?:r" + _U + r"cken|steissbein|steiss|po|hintern|kreuz)\s+"
            r"(?:\w+\s+)?(?:gefallen|geknallt|gest" + _U + r"rzt|geflogen)",
            r"(?:tritt|schlag|stoss|aufprall)\s+(?:\w+\s+)?(?:in\s+den|auf\s+den|gegen\s+den|"
            r"ins)\s+(?:r" + _U + r"cken|kreuz|steissbein)",
            r"(?:angefahren|umgefahren|zusammengesto(?:ss|s)en|getreten|verpr" + _U + r"gelt)",
            r"die\s+treppe\s+(?:runter|hinunter)\s*gefallen",
            r"gefallen\s+(?:auf|beim|von|vom|aus)",
        ),
        "cancer_history": (
            r"\w*krebs(?!\w*(?:suppe|essen|salat|fang|fisch|schere))\w*",
            r"tumor\w*",
            r"chemo\w*",
            r"bestrahlung\w*|strahlentherapie",
            r"metasta\w*",
            r"karzinom\w*|lymphom\w*|leuk" + _A + r"mie|myelom\w*|melanom\w*|sarkom\w*",
            r"onkolog\w*",
            r"b" + _O + r"sartig\w*",
        ),
        "fracture_risk": (
            r"(?:{BONE_RISK})[^.!?;\n]{0,80}?(?<!\w)(?:{JOLT})(?!\w)",
            r"(?<!\w)(?:{JOLT})(?!\w)[^.!?;\n]{0,80}?(?:{BONE_RISK})",
        ),
        "weight_loss": (
            r"(?:{WEIGHT_LOST})[^.!?;\n]{0,50}?(?:{UNMEANT})",
            r"(?:{UNMEANT})[^.!?;\n]{0,50}?(?:{WEIGHT_LOST})",
            r"ungewollt\w*\s+gewichtsverlust|gewichtsverlust\s+(?:ohne|unerkl" + _A + r"rlich)|"
            r"unerkl" + _A + r"rlich\w*\s+gewichtsverlust",
        ),
        "leg_numbness": (
            r"(?P<sym>{NUMB})[^.!?;\n]{0,40}?(?<!\w)(?:{LEG})(?!\w)",
            r"(?<!\w)(?:{LEG})(?!\w)[^.!?;\n]{0,40}?(?P<sym>{NUMB})",
        ),
        "night_pain": (
            r"(?:weckt|wecken|weckte|geweckt)\s+(?:\w+\s+){0,2}?(?:mich|auf)",
            r"(?:wach\w*|aufgewacht|werde\s+wach)\s+(?:\w+\s+){0,3}?(?:vor|wegen|von\s+den)\s+"
            r"(?:lauter\s+)?(?:schmerz\w*|r" + _U + r"cken\w*)",
            r"vor\s+schmerz\w*\s+(?:\w+\s+){0,2}?(?:nicht\s+(?:\w+\s+)?schlafen|wach|aufgewacht)",
            r"nachtschmerz\w*",
            r"(?:{NIGHT})[^.!?;\n]{0,50}?(?:{NOT_EASED})",
            r"(?:{NOT_EASED})[^.!?;\n]{0,50}?(?:{NIGHT})",
            r"(?:schmerz\w*|tut|weh|schlimmer|schlimmsten)\s+(?:\w+\s+){0,3}?(?:nachts|in\s+der"
            r"\s+nacht)\s+(?:\w+\s+){0,2}?(?:schlimmer|am\s+schlimmsten|unertr"
            + _A
            + r"glich|heftig)",
            r"(?:nachts|in\s+der\s+nacht)\s+(?:\w+\s+){0,3}?(?:am\s+schlimmsten|unertr"
            + _A
            + r"glich|schlimmer)",
        ),
    },
    idioms=(
        r"lampenfieber|reisefieber|jagdfieber|wm-?fieber|em-?fieber|goldfieber|"
        r"fussballfieber|kaufrausch|fieberhaft\w*|fieberthermometer",
        r"(?:hat|hatte|haette|hat\s+mir|hat\s+uns|gut|sehr)\s+(?:\w+\s+){0,2}?gefallen",
        r"gefallen\s+(?:lassen|tun|getan)|einen\s+gefallen",
        r"(?:sternzeichen|bin\s+(?:ein|eine)|als)\s+krebs|krebse?\s+(?:essen|gegessen)",
        r"brust(?:schwimmen|muskel\w*|training|presse|dehnung|tag)|h"
        + _A
        + r"hnchenbrust|putenbrust",
        r"(?:fu(?:ss|s)|bein|arm|hand)\s+(?:\w+\s+)?eingeschlafen\s+(?:beim|vom|weil)\s+sitzen",
        r"(?:sch" + _U + r"ttel|wackel)\s+(?:mich|dich)\s+vor\s+lachen",
        r"vor\s+lachen\s+(?:fast\s+)?(?:in\s+die\s+hose|eingen" + _A + r"sst|gepinkelt)",
        r"fast\s+in\s+die\s+hose\s+gemacht\s+vor\s+(?:lachen|angst)",
        r"(?:handy|laptop|pc|computer|app|rechner|server|system)\s+(?:\w+\s+)?(?:abgest"
        + _U
        + r"rzt|crash\w*)|abgest"
        + _U
        + r"rzt",
        r"unfallfrei|unfallversicherung",
        r"schwach\s*(?:sinn\w*|er\s+kaffee|en\s+moment|e\s+leistung)|schwachsinn\w*",
        r"einfach\s+so\s+(?:mal|zum\s+spass)",
        r"mir\s+(?:ist\s+)?(?:die\s+)?(?:decke|kinnlade)\s+(?:auf\s+den\s+kopf\s+)?gefallen",
        r"aus\s+allen\s+wolken\s+gefallen|ins\s+wasser\s+gefallen|schwer\s+gefallen|"
        r"leicht\s+gefallen|aufgefallen|eingefallen|ausgefallen|durchgefallen|zugefallen|"
        r"weggefallen|reingefallen|abgefallen|zerfallen|verfallen",
    ),
    contrast_words=(
        r"aber",
        r"jedoch",
        r"trotzdem",
        r"obwohl",
        r"allerdings",
        r"nur",
        r"sondern",
        r"dafuer",
        r"dafur",
        r"ausser",
        r"bloss",
        r"blo(?:ss|s)",
    ),  # fmt: skip
    clause_break_words=(r"und", r"weil", r"da", r"sowie", r"w" + _A + r"hrend", r"dass", r"als"),
    negation_words=(
        r"kein\w*",
        r"nicht",
        r"nichts",
        r"nie",
        r"niemals",
        r"ohne",
        r"weder",
        r"noch\s+nie",
        r"nein",
        r"nee",
        r"null",
    ),  # fmt: skip
    negation_window=3,
    list_words=frozenset(
        "oder noch auch und bzw sowie irgendwelche irgendein irgendeine eine ein einen oder "
        "taubheit kribbeln fieber schwaeche schwache probleme gefuehlsstoerungen".split()
    ),
    negation_after=(
        r"(?:habe|hatte|hab|ist|sind|war|spuere|merke)\s+(?:ich\s+)?(?:zum\s+gl"
        + _U
        + r"ck\s+|aber\s+|gott\s+sei\s+dank\s+)?(?:kein\w*|nicht|nichts|nix)(?!\s+mehr)",
        r"(?:kein\w*|nicht|nichts)\s*$",
        r"fehlanzeige",
        r"(?:gibt\s+es|gibts)\s+(?:\w+\s+)?(?:kein\w*|nicht)",
    ),
    resolved_words=(
        r"vor\s+(?:\w+\s+)?(?:jahren|jahrzehnten|monaten)",
        r"letzte[ns]?\s+jahr",
        r"vorletzte[ns]?\s+jahr",
        r"(?:19|20)\d\d",
        r"als\s+(?:kind|jugendliche\w*|teenager|baby|student\w*)",
        r"fr" + _U + r"her",
        r"damals",
        r"(?:ist|sind|war)\s+(?:jetzt\s+|inzwischen\s+|mittlerweile\s+|zum\s+gl"
        + _U
        + r"ck\s+)?(?:wieder\s+)?(?:weg|vorbei|verschwunden|gut|besser|normal|ok|okay)",
        r"wieder\s+(?:weg|gut|normal|ok|okay|alles\s+gut)",
        r"(?:ging|gehen|geht)\s+(?:\w+\s+)?(?:weg|vorbei)",
        r"(?:hat|haben)\s+(?:sich\s+)?(?:\w+\s+)?(?:aufgeh" + _O + r"rt|gelegt|gegeben|"
        r"beruhigt)",
        r"verschwunden|abgeklungen|vorbei",
        r"nur\s+kurz|f" + _U + r"r\s+(?:eine\s+)?(?:sekunde|minute|moment|paar\s+sekunden)",
        r"nicht\s+mehr\s+(?:taub|da|schwach)",
    ),
    other_person_words=(
        r"(?:mein|meine|meinem|meiner|meinen|unser\w*)\s+(?:\w+\s+)?(?:mann|frau|vater|papa|"
        r"mutter|mama|mutti|opa|oma|gro(?:ss|s)vater|gro(?:ss|s)mutter|bruder|schwester|sohn|"
        r"tochter|freund\w*|kolleg\w*|chef\w*|nachbar\w*|onkel|tante|cousin\w*|partner\w*|"
        r"schwieger\w*|kind\w*|hund|katze)",
        r"(?:er|sie)\s+(?:hat|hatte|kann|konnte|ist|war|f" + _U + r"hlt|sp" + _U + r"rt|"
        r"sagt|meint)",
        r"(?:seine|ihre|seinen|ihren|seinem|ihrem)\s+(?:\w+\s+)?(?:beine|f" + _U + r"sse|bein|"
        r"blase|schritt|po|brust)",
    ),
    hearsay_words=(
        r"gelesen",
        r"geh" + _O + r"rt",
        r"gegoogelt|gegooglet|google",
        r"laut\s+(?:internet|google|arzt|doktor)",
        r"(?:gefragt|fragt|fragte)\s+(?:\w+\s+){0,2}?(?:ob|nach)",
        r"(?:anzeichen|symptome|warnzeichen|warnsignale)\s+(?:f" + _U + r"r|von|wie|sind)",
        r"was\s+(?:ist\s+)?wenn",
        r"(?:achten|aufpassen)\s+(?:auf|ob)|drauf\s+achten|darauf\s+achten",
        r"falls",
        r"im\s+fall(?:e)?",
    ),
    denial_words=(
        r"(?:aber\s+|und\s+|zum\s+gl" + _U + r"ck\s+|gott\s+sei\s+dank\s+)*(?:habe|hab|hatte)"
        r"\s+ich\s+(?:aber\s+|zum\s+gl" + _U + r"ck\s+)?(?:nicht|kein\w*|nichts)",
        r"(?:aber\s+)?(?:das|sowas|so\s+was)\s+(?:habe|hab|hatte)\s+ich\s+(?:\w+\s+)?(?:nicht|"
        r"kein\w*|nie)",
        r"(?:ich\s+)?(?:habe|hab)\s+(?:ich\s+)?(?:das|sowas|davon)\s+(?:\w+\s+)?(?:nicht|nichts|"
        r"nix|nie)",
    ),
    pure_resolution=(
        r"(?:(?:ist|es|jetzt|wieder|aber|inzwischen|mittlerweile|zum|gl"
        + _U
        + r"ck|alles|war)\s+)*(?:weg|vorbei|verschwunden|gut|besser|normal|ok|okay)",
    ),
)
