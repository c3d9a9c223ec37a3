"""German: how people write about back pain in a chat, for domain/reading.py.

The text is folded before reading: lower case, "ä" -> "ae", "ö" -> "oe", "ü" -> "ue",
"ß" -> "ss". Plain word lists (number, unit and report words) are written in that folded
form ("fuenf"); in patterns an umlaut stands for both ways people type it without one
("rücken" matches "ruecken" and "rucken"), see ``pattern_letters``.
"""

from __future__ import annotations

from domain.lexicons import Lexicon

_NUMBER_WORDS = {
    "null": 0, "eins": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fuenf": 5, "funf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwoelf": 12,
    "zwolf": 12,
}  # fmt: skip

LEXICON = Lexicon(
    code="de",
    letter_map={"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"},
    # "ü" in a pattern matches "ue" or "u": people without umlauts type either.
    pattern_letters={"ä": "(?:ae|a)", "ö": "(?:oe|o)", "ü": "(?:ue|u)", "ß": "(?:ss|s)"},
    frequent_words=frozenset(
        """
        der die das und ist ich nicht mit mein meine mir mich du ein eine auch aber heute
        habe hab tut weh sehr wie was noch schon bin sind wir es im auf zu den dem von
        rucken ruecken schmerzen kann
        """.split()
    ),
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
        "isch": "ist",  # Swiss German
        "mom": "momentan",
        "vllt": "vielleicht",
        "vlt": "vielleicht",
        "evtl": "eventuell",
        "bissl": "bisschen",
        "bissel": "bisschen",
        "bischen": "bisschen",
        "kp": "keine ahnung",
        "gfuehl": "gefuehl",
        "gfuhl": "gefuehl",
        "ka": "kein",
        "koa": "kein",
        "iwie": "irgendwie",
        "iwas": "irgendwas",
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
        r"kann\s+(?:kaum|nicht)\s+(?:mehr\s+)?(?:aufstehn|aufstehen|sitzen|laufen|gehen|"
        r"liegen|schlafen)",
        r"beschwerden",
        # English mixed in: "mega pain im lower back"
        r"pain",
        r"back\s*pain",
        r"hurts",
        r"ruecken\w*",
        r"kreuz",
        r"lws",
        r"hws",
        r"bws",
    ),
    areas={
        # lower back
        r"unter(?:e|en|er|es)?\s+rücken": "lb",
        r"unten\s+am\s+rücken": "lb",
        r"lws": "lb",
        r"lendenwirbel\w*": "lb",
        r"lende\w*": "lb",
        r"kreuz": "lb",
        r"kreuzbein": "lb",
        r"ilio\w*": "lb",
        r"isg": "lb",
        r"ste(?:ue|u|i)ssbein": "lb",
        r"hexenschuss": "lb",
        r"lower\s+back": "lb",
        # upper back
        r"upper\s+back": "ub",
        r"ober(?:e|en|er|es)?\s+rücken": "ub",
        r"bws": "ub",
        r"brustwirbel\w*": "ub",
        r"schulterblätt(?:er|ern)?": "ub",
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
        r"ganze[nr]?\s+rücken": "wb",
        r"komplette[nr]?\s+rücken": "wb",
        r"ganze\s+wirbelsäule": "wb",
        r"(?:ue|u)berall": "wb",
        r"alles\s+tut\s+weh": "wb",
        # hip and buttock together
        r"hüfte\s+und\s+po": "hb",
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
        r"zwischen\s+(?:den\s+)?schulterblättern": "bs",
        # mid back
        r"mittler(?:e|en|er)?\s+rücken": "mb",
        r"mitte\s+(?:des|vom)\s+rückens?": "mb",
        # buttock
        r"po": "bu",
        r"popo": "bu",
        r"pobacke\w*": "bu",
        r"hintern": "bu",
        r"gesaess": "bu",
        r"gesass": "bu",
        r"arsch": "bu",
        # hip
        r"hüfte": "hp",
        r"hüften": "hp",
    },
    weak_areas=frozenset({r"(?:ue|u)berall", r"arsch"}),
    approximate_before=(
        r"so",
        r"so\s+etwa",
        r"etwa",
        r"ungefähr",
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
        r"schätze",
        r"würde?\s+sagen",
        r"würd\s+sagen",
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
    approximate_after=(r"oder\s+so", r"rum", r"herum", r"ungefähr", r"ish", r"-ish"),
    out_of=(r"von", r"aus", r"v\."),
    scale_phrases=(
        r"(?:auf\s+)?(?:einer\s+)?skala\s+(?:von\s+)?(?:0|1|null|eins)\s*(?:-|–|bis)\s*(?:10|zehn)",
    ),
    range_words=(r"bis", r"oder"),
    from_words=(r"von",),
    to_words=(r"auf", r"zu", r"nach"),
    between_words=(r"zwischen", r"und"),
    capitalised_nouns=True,
    unit_words=frozenset(
        """
        % ° € uhr h std uebung uebungen ubung ubungen stunde stunden min mins minute minuten
        sek sekunden tag tage tagen
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
    level_before=(
        r"letzte\s+woche",
        r"(?:ist|bin|liegt|liege)\s+bei",
        r"bin\s+auf",
        r"level",
        r"stufe",
    ),
    no_pain=(
        r"keine\s+(?:rücken)?schmerzen(?:\s+mehr)?",
        r"kein\s+schmerz",
        r"null\s+schmerzen",
        r"schmerzfrei",
        r"tut\s+(?:\w+\s+){0,2}?(?:nichts|nix|nicht)\s+(?:mehr\s+)?weh",
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
        echt uebel ubel mies schlimm heftig krass mega gut schlecht irgendwie irgendwas
        letzte letzten woche vorgestern tut tuts tun mir mich es back
        """.split()
    ),
    report_phrases=(
        r"schwer\s+zu\s+sagen|wei(?:ss|s)\s+nicht|keine\s+ahnung",
        r"(?:nach|vor|beim|seit)\s+(?:dem|der|den|einem|einer|meinem|meiner)?\s*[^\W\d_]+",
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
        r"früh",
        r"heute\s+früh",
        r"heute\s+morgen",
        r"morgens",
        r"letzte\s+nacht",
        r"von",
        r"vor\s+dem",
        r"vor\s+der",
    ),
    current_markers=(
        r"heute?",
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
        # The saddle area: anatomy, everyday and vulgar words, where one sits and wipes.
        "SADDLE": (
            r"schritt\w*|intim\w*|genital\w*|reithose\w*|damm\w*|scham\w*|"
            r"po|popo|poloch|po-?backe\w*|hintern|gesäß|arsch\w*|after|anus|anal\w*|"
            r"penis|glied|pimmel|schwanz|hoden|sack|eier|scheide|vagina|vulva|muschi|klitoris|"
            r"innenschenkel\w*|innenseite(?:n)?\s+(?:der|von\s+den|meiner)\s+oberschenkel\w*|"
            r"unten\s*rum|da\s+unten|zwischen\s+den\s+beinen|sitzfläche|"
            r"(?:beim|nach\s+dem)\s+(?:abwischen|abputzen)|wenn\s+ich\s+(?:mich\s+)?"
            r"(?:abwische|abputze)|"
            r"auf\s+(?:dem|der)\s+(?:klo|toilette)|klopapier|toilettenpapier"
        ),
        # A change of feeling, in German and in the English people mix in ("numb").
        "NUMB": (
            r"taub\w*|gefühllos\w*|kribbel\w*|kribbl\w*|chribbl\w*|chribbel\w*|ameisen\w*|"
            r"pelzig\w*|numb\w*|"
            r"abgestorben|wie\s+tot|betäubt\w*|wie\s+(?:in\s+)?watte|"
            r"(?:kein|keinerlei|wenig|weniger|kaum|null)\s+(?:gefühl|empfindung)|"
            r"gefühl\s+(?:ist\s+)?(?:weg|verloren|anders|komisch|weniger)|"
            r"(?:nicht|nichts|nix|kaum)\s+(?:mehr\s+)?(?:richtig\s+)?(?:spür\w*|fühl\w*|merk\w*)|"
            r"(?:spür|merk)\w*\s+(?:\w+\s+){0,3}?(?:fast\s+|gar\s+|so\s+gut\s+wie\s+)?"
            r"(?:nichts|nix|kaum|wenig|nicht)(?!\s+(?:von\s+den|vom)\s+schmerz)|"
            r"fühlt\s+sich\s+(?:\w+\s+){0,2}?(?:taub|fremd|tot|komisch|anders)"
        ),
        # Around the groin, "eingeschlafen" or "fuehlt sich komisch an" is how people say the
        # feeling has changed; said of a leg, "eingeschlafen" is mostly sitting awkwardly.
        "NUMB_SADDLE": (
            r"{NUMB}|eingeschlafen|schläft\s+(?:\w+\s+)?ein|"
            r"fühlt\s+sich\s+(?:\w+\s+){0,2}?(?:komisch|anders|seltsam|merkwürdig)"
        ),
        "LEGS": (
            r"beine|beinen|füsse|füssen|haxn|haxen|oberschenkeln|waden|"
            r"beide[nr]?\s+(?:\w+\s+)?(?:beine?n?|füsse?n?|seiten|oberschenkeln?|waden)|"
            # Swiss German: "beidi Bei", "beid Füess"
            r"beid(?:i|ä|e)?\s+(?:bei|füess)"
        ),
        "LEG": (
            r"bein|fuss|zeh\w*|oberschenkel|wade|unterschenkel|schienbein|knie|ferse|"
            r"fusssohle|sohle|knöchel|fussrücken|fussrand|haxe|"
            # Swiss German "Fuess"; "Bei" (Bein) only after an article or a side, since "bei"
            # is also the preposition: "s'rechte Bei", "mis Bei", "lingge Bei"
            r"füess|(?:(?:s|ds|mis|mi|dis|sis|rechte|rächte|rechti|linke|linki|lingge|"
            r"linggi)'?\s*)bei"
        ),
        "WEAK": (
            r"schwach\w*|schwäche\w*|kraftlos\w*|(?:keine|null)\s+kraft|"
            r"kraft\s+(?:ist\s+)?weg|knick\w*\s+(?:\w+\s+){0,3}?(?:weg|ein|um)|weggeknickt|"
            r"eingeknickt|sack\w*\s+(?:\w+\s+){0,3}?weg|weggesackt|"
            r"(?:gibt|geben|gab|gaben)\s+(?:\w+\s+){0,2}?nach|nachgegeben|wackel\w*|"
            r"wie\s+pudding|wackelpudding|versag\w*|(?:trägt|tragen)\s+mich\s+(?:\w+\s+)?(?:nicht|kaum)|"
            r"(?:kann|konnte|koennen)\s+(?:\w+\s+)?(?:kaum|nicht)\s+(?:mehr\s+)?"
            r"(?:richtig\s+)?(?:stehen|laufen|gehen|auftreten|heben|anheben)|"
            r"gelähmt|lähmung\w*|lahm\w*|(?:macht|machen)\s+nicht\s+(?:mehr\s+)?mit"
        ),
        "PEE": (
            r"pinkeln|pieseln|pissen|urinieren|wasser\s+lassen|wasserlassen|aufs\s+klo|"
            r"pipi\s+machen"
        ),
        "URINE": r"urin|pipi|blase|harn\w*|strahl|wasser|pinkel\w*|gepinkelt|pisse|stuhl\w*|darm",
        # Ways of saying a bowel movement, or passing water, as a thing that can stop working.
        "GOING": (
            r"stuhlgang|stuhl|kacken|kacka|scheissen|gross\s+machen|aa\s+machen|"
            r"(?:gross|grosses)\s+geschäft|verdauung|darm|pinkeln|pieseln|pipi|wasserlassen|"
            r"urinieren"
        ),
        # "kommt nicht", "geht seit 2 tagen nicht mehr", "klappt gar nicht"
        "STOPPED": (
            r"(?:geht|klappt|funktioniert|kommt|will)\s+(?:\w+\s+){0,4}?(?:nicht|nix|nichts|"
            r"gar\s+nicht)(?!\s+(?:weh|schlecht|schlimm))"
        ),
        "HOLD": r"halten|einhalten|kontrollieren|zurückhalten",
        # What goes wrong with passing water or stool, said after the word for it.
        "URINE_TROUBLE": (
            r"(?:nicht|kaum|nie)\s+(?:mehr\s+)?(?:richtig\s+|ganz\s+)?(?:{HOLD}|leer\w*|"
            r"entleer\w*|raus|gepinkelt|pinkeln)|"
            r"(?:nicht|nix|nichts|kaum)\s+(?:mehr\s+)?(?:richtig\s+)?(?:spür\w*|merk\w*)|"
            r"(?:spür|merk)\w*\s+(?:\w+\s+){0,2}?(?:nicht|nix|nichts|kaum)|"
            r"tröpfel\w*|tropfenweise|tröpfchenweise|stockt|unkontrolliert|"
            r"kommt\s+(?:\w+\s+){0,2}?(?:nix|nichts|kaum\s+was|kaum\s+etwas|nur\s+tropfen\w*)|"
            r"(?:pressen|drücken)\s+muss|muss\s+(?:\w+\s+)?(?:pressen|drücken)"
        ),
        "ASLEEP": r"eingeschlafen\w*|(?:schlafen|schläft)\s+(?:\w+\s+){0,2}?ein(?!\w)|igschlafe",
        # A feeling that does not wear off.
        "STAYS": (
            r"(?:geht|ging|gehen)\s+(?:\w+\s+){0,2}?(?:nicht|nie)\s+(?:mehr\s+)?weg|"
            r"(?:wird|werden)\s+(?:\w+\s+)?nicht\s+(?:mehr\s+)?(?:wach|besser)|bleibt|bleiben|"
            r"{SINCE}"
        ),
        # How long it has lasted, said before or after: "seit heute morgen", "immer noch".
        "SINCE": (
            r"immer\s+noch|noch\s+immer|dauerhaft|ständig|die\s+ganze\s+zeit|"
            r"seit\s+(?:\w+\s+){0,2}?(?:stunden|tagen|heute|heut|gestern|geschter|morgen|"
            r"dem\s+aufstehen|dem\s+aufwachen)|(?:stunden|tage)\s+lang|stundenlang|tagelang"
        ),
        "CHEST": r"brust|brustkorb|brustbein|herzgegend",
        "CHEST_FEEL": (
            r"schmerz\w*|weh|druck\w*|drückt|eng\w*|stech\w*|sticht|zieht|brenn\w*|"
            r"beklemm\w*|zugeschnürt|eingeschnürt|zusammengedrückt|zerquetscht|schraubstock"
        ),
        "NIGHT": (
            r"nachts|in\s+der\s+nacht|die\s+ganze\s+nacht|jede\s+nacht|im\s+bett|"
            r"beim\s+liegen|im\s+liegen|nachtschmerz\w*"
        ),
        "NOT_EASED": (
            r"(?:egal|ganz\s+egal)\s+wie\s+ich\s+(?:mich\s+)?(?:lieg\w*|(?:hin)?leg\w*|dreh\w*)|"
            r"keine\s+(?:\w*position|lage|stellung|schlafhaltung)\s+(?:\w+\s+)?(?:hilft|geht|bringt)|"
            r"(?:hilft|bringt)\s+(?:auch\s+)?(?:keine|kein|nichts|nix)|nichts\s+hilft|"
            r"in\s+ruhe\s+schlimmer|(?:kann|konnte)\s+(?:\w+\s+){0,2}?nicht\s+(?:schlafen|liegen)|"
            r"nicht\s+(?:mehr\s+)?(?:richtig\s+)?(?:schlafen|liegen)\s+(?:kann|konnte)|"
            r"egal\s+(?:in\s+)?welche[rn]?\s+(?:position|lage|stellung)"
        ),
        "JOLT": (
            r"nies\w*|genies\w*|hust\w*|gehustet|heb\w*|gehoben|bück\w*|gebückt|knack\w*|"
            r"geknackt|knacks|gestolpert|stolper\w*|umgeknickt|\w*dreh\w*|ruck\w*|gestoss\w*|"
            r"angestoss\w*|hingesetzt|plumps\w*"
        ),
        "BONE_RISK": (
            r"osteopor\w*|osteopenie|knochenschwund|brüchige\s+knochen|dünne\s+knochen|"
            r"(?:seit\s+(?:\w+\s+)?jahren|lange|dauerhaft|täglich|jahrelang)\s+(?:\w+\s+){0,2}?"
            r"(?:kortison|cortison|prednisolon|steroide?)|"
            r"(?:kortison|cortison|prednisolon|steroide?)\s+(?:\w+\s+){0,2}?(?:seit\s+jahren|"
            r"dauerhaft|täglich|jahrelang|langzeit)|langzeit\w*\s*(?:kortison|cortison|steroid\w*)"
        ),
        "WEIGHT_LOST": (
            r"abgenommen|(?:\d+|ein\w*|zwei|drei|vier|fünf|zehn|paar)\s*"
            r"(?:kilo|kg)\s+(?:\w+\s+){0,2}?(?:weniger|verloren|runter)|"
            r"(?:an\s+)?gewicht\s+(?:\w+\s+)?verlo?r\w*|verlier\w*\s+(?:\w+\s+)?gewicht|"
            r"nehme\s+(?:\w+\s+){0,3}?ab(?!\w)|werde\s+(?:immer\s+)?dünner|"
            r"hosen?\s+(?:\w+\s+)?(?:rutsch\w*|zu\s+weit|schlackern)"
        ),
        "UNMEANT": (
            r"ohne\s+(?:\w+\s+)?(?:grund|diät|es\s+zu\s+wollen|absicht|zu\s+wollen)|"
            r"ohne\s+dass\s+ich|einfach\s+so|ungewollt|unerklärlich\w*|keine\s+ahnung\s+warum|"
            r"wei(?:ss|s)\s+nicht\s+warum|von\s+selbst|von\s+allein\w*|obwohl\s+ich\s+"
            r"(?:normal|genug|viel|ganz\s+normal)\s+esse|kein\s+appetit|keinen\s+appetit|"
            # "ohne was dafür zu tun", "ohne etwas zu ändern", "hab nix dafür gemacht"
            r"ohne\s+(?:\w+\s+){0,3}?(?:zu\s+tun|zu\s+machen|zu\s+ändern|zu\s+versuchen|"
            r"zu\s+merken)|"
            r"(?:nichts|nix|gar\s+nichts)\s+(?:\w+\s+)?(?:dafür|extra|anders)\s+"
            r"(?:getan|gemacht|geändert)|(?:nicht|nie)\s+(?:\w+\s+)?(?:drauf\s+)?"
            r"(?:geachtet|versucht|gewollt)|obwohl\s+ich\s+(?:\w+\s+){0,2}?(?:nichts|nix)\s+"
            r"(?:\w+\s+)?(?:mache|ändere|geändert)"
        ),
        # What "haut einen um" only as a figure of speech: news, things seen or heard, prices,
        # an illness that knocked one out.
        "FIGURATIVE_BLOW": (
            r"nachricht\w*|news|neuigkeit\w*|info\w*|film|filme?s?|serie|folge|buch|song|lied|"
            r"musik|konzert|album|show|auftritt|video|bild|foto|anblick|aussicht|geschichte|"
            r"story|brief|mail|email|antwort|frage|ergebnis|ergebnisse|resultat|befund|"
            r"diagnose|preis|preise|rechnung|gehalt|angebot|geschenk|überraschung|"
            r"geschmack|essen|wein|bier|schnaps|drink|cocktail|hitze|grippe|erkältung|virus|"
            r"müdigkeit|erschöpfung|arbeit|woche|tag|spiel|match|tor|ende|finale|wendung"
        ),
        "SYMPTOM_NOUN": (
            r"(?:oder\s+|noch\s+)?(?:taubheit\w*|kribbeln|schwäche|fieber|schmerzen|"
            r"probleme\w*|lähmung\w*|gefühlsstörung\w*)"
        ),
    },
    sign_patterns={
        "saddle_numbness": (
            r"(?P<sym>{NUMB_SADDLE})[^.!?;\n]{0,40}?(?<!\w)(?:{SADDLE})(?!\w)",
            r"(?<!\w)(?:{SADDLE})(?!\w)[^.!?;\n]{0,40}?(?<!\w)(?P<sym>{NUMB_SADDLE})",
            r"reithosen\w*",
            # the area between the verb and what is (not) felt: "merk da unten fast nix mehr"
            r"(?P<sym>(?:spür|merk|fühl)\w*)\s+(?:\w+\s+){0,2}?(?:{SADDLE})\s+(?:\w+\s+)?"
            r"(?:nichts|kaum|wenig|nicht)(?!\w)(?!\s+(?:mehr\s+)?(?:von|vom|weh))",
            r"(?:wie\s+)?auf\s+(?:einem\s+)?(?:kissen|watte)\s+sitz\w*",
        ),
        "bladder_bowel": (
            r"inkontinen\w*",
            # "stuhlgang geht seit 2 tagen nicht mehr", "kacken klappt nicht", "kein stuhlgang"
            r"(?<!\w)(?:{GOING})(?!\w)\s+(?:\w+\s+){0,3}?(?P<sym>{STOPPED})",
            r"(?P<sym>(?:kein\w*|null)\s+(?:richtige[nr]?\s+)?)(?:stuhlgang|stuhl)(?!\w)",
            r"(?P<sym>(?:kann|konnte)\s+(?:\w+\s+){0,2}?(?:nicht|kaum)\s+(?:mehr\s+)?"
            r"(?:richtig\s+)?)(?:kacken|scheissen|gross\s+machen|aufs\s+klo)",
            r"(?<!\w)(?:{URINE}|kot|kacke|klo|toilette)(?!\w)[^.!?;\n]{0,40}?(?<!\w)"
            r"(?P<sym>{URINE_TROUBLE})",
            r"(?:geht|gehen|ging|läuft|lief|kommt)\s+(?:\w+\s+){0,3}?(?:urin|stuhl|pipi|kot|"
            r"pisse)\s+(?:\w+\s+)?(?:ab|raus|weg)",
            r"(?:urin|stuhl|pipi|kot|pisse|kacke)\s+(?:geht|läuft|kommt|ging|lief)\s+"
            r"(?:\w+\s+){0,2}?(?:ab|raus|weg)(?!\w)",
            r"(?P<sym>(?:kann|konnte|koennen|schaffe?)\s+(?:\w+\s+){0,3}?(?:nicht|kaum)\s+"
            r"(?:mehr\s+)?(?:richtig\s+)?){HOLD}",
            r"(?<!\w)(?:{URINE}|stuhl\w*|kot)(?!\w)[^.!?;\n]{0,30}?(?P<sym>(?:nicht|kaum)\s+"
            r"(?:mehr\s+)?(?:richtig\s+)?{HOLD})",
            r"(?:in\s+die\s+hose|ins\s+bett)\s+(?:gemacht|gepinkelt|gepullert)",
            r"eingenässt|eingepinkelt|eingemacht|eingekotet",
            r"(?:hose|unterhose|slip|bett)\s+(?:\w+\s+){0,2}?(?:nass|feucht)\b"
            r"(?!\s+(?:geschwitzt|vom))",
            r"(?:klo|toilette|wc|pinkeln|blase)[^.!?;\n]{0,40}?(?:kommt|geht)\s+(?:\w+\s+){0,2}?"
            r"(?:nix|nichts|kaum\s+was|kaum\s+etwas)",
            r"(?P<sym>(?:kann|konnte)\s+(?:\w+\s+){0,2}?(?:nicht|kaum)\s+(?:mehr\s+)?)(?:{PEE})",
            r"(?P<sym>(?:probleme|schwierigkeiten|mühe)\s+(?:\w+\s+){0,2}?(?:beim\s+|"
            r"mit\s+dem\s+)?)(?:{PEE}|wasserlassen|urinieren)",
            r"(?:blase|darm)\s+(?:\w+\s+){0,3}?(?:nicht|nie)\s+(?:mehr\s+)?(?:richtig\s+|ganz\s+)?"
            r"(?:leer|entleer\w*)",
            r"(?:blase|darm)\s+(?:spielt|macht)\s+(?:\w+\s+)?nicht\s+(?:mehr\s+)?mit",
            r"(?:blasen|darm)\w*\s*(?:probleme|schwäche|störung\w*)",
            r"harnverhalt\w*",
            r"(?P<sym>(?:kann|konnte)\s+(?:\w+\s+){0,4}?(?:nicht|kaum)\s+(?:mehr\s+)?"
            r"richtig\s+)(?:{PEE})",
            r"(?P<sym>(?:nicht|kaum)\s+(?:mehr\s+)?(?:richtig\s+)?)(?:{PEE})\s+(?:können|kann|konnte)",
            r"tröpfchenweise|tropfenweise",
            r"(?P<sym>(?:nicht|kaum)\s+(?:mehr\s+)?)(?:gepinkelt|uriniert|wasser\s+gelassen)",
            r"(?:pressen|drücken)[^.!?;\n]{0,40}?(?:{PEE}|wasserlassen|urin)"
            r"|(?:{PEE}|wasserlassen)[^.!?;\n]{0,30}?(?:pressen|drücken\s+muss)",
            r"(?P<sym>(?:merk\w*|spür\w*|fühl\w*)\s+(?:\w+\s+){0,2}?"
            r"(?:nicht|kaum|nichts|nix)(?:\s+mehr)?)[^.!?;\n]{0,20}?(?:wann|ob|wenn)\s+ich\s+"
            r"(?:\w+\s+){0,2}?(?:muss|pinkeln|aufs\s+klo|auf\s+toilette)",
            r"(?:strahl|urin|pinkeln)\s+(?:\w+\s+){0,3}?(?:schwach|tröpfel\w*|stockt|"
            r"kommt\s+(?:kaum|nicht|nur\s+tropfenweise))",
            r"tröpfel\w*\s+(?:\w+\s+){0,2}?(?:nach|beim)",
            r"(?:stuhl|stuhlgang|darm)\s+(?:\w+\s+){0,2}?(?:nicht\s+(?:mehr\s+)?kontroll\w*|"
            r"unkontrolliert)",
            r"(?:urin|stuhl|kot)\s+verloren",
            r"(?:pinkel|pipi|urin)\w*\s+(?:\w+\s+){0,3}?(?:läuft|geht|kommt)\s+"
            r"(?:einfach\s+)?(?:so\s+)?(?:raus|ab|weg)",
        ),
        "both_legs": (
            r"(?P<sym>{NUMB}|{WEAK})[^.!?;\n]{0,40}?(?<!\w)(?:{LEGS})(?!\w)",
            r"(?<!\w)(?:{LEGS})(?!\w)[^.!?;\n]{0,40}?(?P<sym>{NUMB}|{WEAK})",
            r"(?:in|bis\s+in)\s+beide\s+beine",
            r"(?:sack|knick)\w*\s+(?:\w+\s+){0,2}?(?:{LEGS})\s+(?:\w+\s+)?(?:weg|ein)",
            r"beidseitig\w*\s+(?:\w+\s+)?(?:ischias|ausstrahl\w*|taub\w*)",
            # Both legs asleep is a sign when it stays ("geht nicht weg", "seit heute morgen");
            # a leg asleep after sitting wears off in a minute.
            r"(?<!\w)(?:{LEGS})(?!\w)[^.!?;\n]{0,30}?(?P<sym>{ASLEEP})[^.!?;\n]{0,40}?(?:{STAYS})",
            r"(?P<sym>{ASLEEP})[^.!?;\n]{0,30}?(?<!\w)(?:{LEGS})(?!\w)[^.!?;\n]{0,40}?(?:{STAYS})",
            r"(?:{SINCE})[^.!?;\n]{0,30}?(?<!\w)(?:{LEGS})(?!\w)[^.!?;\n]{0,30}?(?P<sym>{ASLEEP})",
        ),
        "sexual_dysfunction": (
            r"(?:wird|ist|bleibt|werde)\s+(?:\w+\s+)?nicht\s+(?:mehr\s+)?(?:richtig\s+)?(?:steif|hart)",
            r"(?:geht|läuft|tut\s+sich|passiert)\s+(?:\w+\s+){0,2}?(?:im\s+bett|untenrum|"
            r"beim\s+sex)\s+(?:\w+\s+)?(?:nix|nichts)",
            r"(?:beim|im|nach\s+dem|während\s+dem)\s+(?:sex|gv|bett)[^.!?;\n]{0,30}?"
            r"(?<!\w)(?P<sym>{NUMB})",
            r"(?:untenrum|da\s+unten|im\s+bett|beim\s+sex)[^.!?;\n]{0,30}?(?:tut\s+sich|"
            r"regt\s+sich|passiert|geht)\s+(?:\w+\s+)?(?:nix|nichts)",
            r"(?:tut\s+sich|regt\s+sich|passiert)\s+(?:\w+\s+)?(?:nix|nichts)\s+(?:mehr\s+)?"
            r"(?:\w+\s+){0,2}?(?:untenrum|da\s+unten|beim\s+sex|im\s+bett)",
            r"erekti\w*\s*(?:probleme|störung\w*)|(?:keine|kaum)\s+erektion\w*",
            r"(?:krieg\w*|bekomm\w*)\s+(?:\w+\s+)?(?:keinen|nicht\s+mehr)\s+(?:\w+\s+)?hoch",
            r"steht\s+nicht\s+mehr",
            r"impoten\w*|potenzprobleme\w*",
            r"(?:beim|im)\s+(?:sex|bett)\s+(?:\w+\s+){0,3}?(?:nichts|nix|kaum\s+was|weniger)\s+"
            r"(?:mehr\s+)?(?:gespürt|spür\w*|gefühl\w*)",
            r"(?:kann|konnte)\s+(?:nicht\s+mehr|keinen|nicht)\s+(?:zum\s+)?(?:orgasmus|"
            r"kommen|höhepunkt)",
            r"(?:sex|geschlechtsverkehr)\s+(?:\w+\s+){0,3}?(?:taub|anders|nichts\s+gespürt|kein\s+gefühl)",
        ),
        "tearing_pain": (
            r"rei(?:ss|s)end\w*",
            r"zerrei(?:ss|s)\w*|zerrissen|(?:auseinander|durch|auf)rei(?:ss|s)\w*|\w*schlitz\w*",
            r"rei(?:ss|s)t\s+(?:es\s+|mich\s+)?(?:\w+\s+){0,2}?(?:im|in\s+den|in\s+der)\s+"
            r"(?:rücken|brust|kreuz|bauch)",
            r"(?:ein|so\s+ein|das|wie\s+ein)\s+(?:\w+\s+)?rei(?:ss|s)en",
            r"(?:als\s+ob|als\s+würde|wie\s+wenn)\s+(?:\w+\s+){0,4}?(?:rei(?:ss|s)t|"
            r"zerrei(?:ss|s)t|zerrissen|rei(?:ss|s)en)",
            r"(?:was|etwas)\s+(?:\w+\s+){0,2}?(?:gerissen|zerrissen|rei(?:ss|s)t)",
            r"durch\s+bis\s+(?:in\s+)?(?:den\s+)?(?:bauch|brust)",
        ),
        "chest_pain": (
            r"(?:{CHEST})(?!\w)[^.!?;\n]{0,30}?(?<!\w)(?:{CHEST_FEEL})(?!\w)",
            r"(?<!\w)(?P<sym>{CHEST_FEEL})[^.!?;\n]{0,30}?(?<!\w)(?:{CHEST})(?!\w)",
            r"brustschmerz\w*",
            r"(?:schmerz\w*|druck|enge\w*|stechen|ziehen|brennen)\s+(?:\w+\s+){0,2}?(?:in|auf|"
            r"an)\s+(?:der|die|meiner)\s+brust",
            r"brust\s+(?:\w+\s+){0,2}?(?:tut\s+weh|schmerzt|eng|drückt|zieht|sticht|brennt)",
            r"engegefühl\s+(?:\w+\s+){0,2}?brust|brustenge|druck\s+auf\s+der\s+brust",
            r"brustkorb\s+(?:\w+\s+)?(?:tut\s+weh|schmerzt|eng|drückt|zieht|sticht)",
            r"(?:brust|brustkorb)\s+(?:\w+\s+){0,4}?(?:zugeschnürt|eingeschnürt|"
            r"zusammengedrückt|zerquetscht|eingeengt|wie\s+in\s+einem\s+schraubstock)",
        ),
        "leg_weakness": (
            r"(?P<sym>{WEAK})[^.!?;\n]{0,40}?(?<!\w)(?:{LEG})(?!\w)",
            r"(?<!\w)(?:{LEG})(?!\w)[^.!?;\n]{0,40}?(?P<sym>{WEAK}|schleif\w*|klatsch\w*|"
            r"will\s+nicht\s+mehr|(?:zieht|ziehe)\s+(?:\w+\s+)?nach|nachzieh\w*|"
            r"hängt\s+(?:\w+\s+)?(?:runter|herab))",
            r"(?P<sym>(?:kann|konnte)\s+)(?:\w+\s+){0,3}?(?:fu(?:ss|s)|bein|zehen?)\s+"
            r"(?:\w+\s+)?(?:nicht|kaum)\s+(?:mehr\s+)?(?:richtig\s+)?(?:an|hoch)?(?:heben|ziehen)",
            r"fu(?:ss|s)heber\w*|fallfu(?:ss|s)|steppergang",
            r"(?:sack|knick)\w*\s+(?:\w+\s+){0,2}?(?:{LEG})\s+(?:\w+\s+)?(?:weg|ein)",
            r"(?<!\w)(?:{LEG})(?!\w)\s+(?:\w+\s+){0,2}?(?P<sym>klappt\s+(?:\w+\s+){0,3}?"
            r"(?:runter|weg|um|herunter))",
            r"(?P<sym>(?:kann|konnte)\s+(?:\w+\s+){0,2}?nicht\s+(?:mehr\s+)?)(?:\w+\s+){0,2}?"
            r"auf\s+(?:den|der|die)?\s*(?:zehen\w*|fersen?|zehenspitzen)",
            r"(?P<sym>(?:kann|konnte)\s+(?:\w+\s+){0,2}?nicht\s+(?:mehr\s+)?)(?:auf\s+(?:den\s+)?"
            r"(?:zehen|fersen|zehenspitzen)|(?:den\s+)?fu(?:ss|s)\s+(?:an)?heben)",
            r"stolper\w*\s+(?:\w+\s+){0,2}?(?:"
            + r"(?:ue|u)ber\s+)?(?:meinen|den)\s+(?:eigenen\s+)?"
            r"fu(?:ss|s)",
        ),
        "fever": (
            r"fieber\w*",
            r"fiebrig",
            r"schüttelfrost",
            r"(?<![\d.,])(?:3[89]|4[01])\s*(?:[.,]|komma)\s*[0-9]\s*(?:°|grad)?",
            r"(?<![\d.,])(?:3[89]|4[01])\s*(?:°|grad)(?!\s*(?:drau(?:ss|s)en|aussen|im\s+schatten))",
            r"(?:temperatur|temp)\s+(?:\w+\s+){0,2}?(?:3[89]|4[0-2])(?:[.,][0-9])?",
            r"(?:erhöhte|hohe)\s+temperatur",
            r"nachtschwei(?:ss|s)",
            r"(?:fühle\s+mich|bin)\s+(?:\w+\s+)?(?:krank|grippig|fiebrig)",
            r"grippig|glühe\s+(?:total|richtig)?",
            r"frier\w*\s+und\s+schwitz\w*|schwitz\w*\s+und\s+frier\w*",
            r"heiß\s+und\s+kalt|kalt\s+und\s+heiß",
        ),
        "trauma": (
            r"gestürzt|hingefallen|hinfallen|umgefallen|runtergefallen|"
            r"hingeflogen|hingeknallt|hingelegt\s+auf\s+(?:dem\s+)?(?:eis|glatteis)",
            r"(?:\w*(?:rad|treppen|ski|reit|pferde|leiter|eis|roller|bike|motorrad))?sturz"
            r"(?!helm)\w*",
            r"(?:jemand|einer|eine|ein\s+auto|ein\s+lkw|der|die)\s+(?:\w+\s+){0,3}?(?:reingefahren|"
            r"draufgefahren|aufgefahren|reingekracht|reingerauscht)|hinten\s+(?:rein|drauf)gefahren",
            r"bin\s+(?:\w+\s+){0,4}?\w*(?:gefallen|gestürzt|geflogen|gesegelt)",
            r"unfall|autounfall|auffahrunfall|fahrradunfall|motorradunfall|skiunfall|"
            r"arbeitsunfall|verkehrsunfall",
            r"schleudertrauma",
            r"(?:von|vom)\s+(?:\w+\s+){0,2}?(?:auto|lkw|gabelstapler|fahrzeug|bus|radfahrer|"
            r"motorrad|traktor|stapler)\s+(?:\w+\s+)?(?:erwischt|getroffen|angefahren|umgefahren|"
            r"überfahren|gerammt)",
            r"verunglückt|gecheckt|umgerannt|umgehauen|niedergeschlagen|zusammengeprallt|"
            r"zusammenstoss\w*|zusammenprall\w*|abgerutscht|ausgerutscht|weggerutscht",
            r"ausgerutscht|ausgerutsch",
            r"(?:von|vom)\s+(?:der|dem|einer|einem)?\s*(?:leiter|fahrrad|rad|pferd|dach|"
            r"motorrad|roller|baum|mauer|treppe)\s+(?:\w+\s+)?(?:gefallen|gestürzt|gefallen)",
            r"(?:auf\s+den|aufs)\s+(?:rücken|steissbein|steiss|po|hintern|kreuz)\s+"
            r"(?:\w+\s+)?(?:gefallen|geknallt|gestürzt|geflogen)",
            r"(?:tritt|schlag|stoss|aufprall)\s+(?:\w+\s+)?(?:in\s+den|auf\s+den|gegen\s+den|"
            r"ins)\s+(?:rücken|kreuz|steissbein)",
            r"(?:angefahren|umgefahren|zusammengesto(?:ss|s)en|getreten|verprügelt)",
            r"die\s+treppe\s+(?:runter|hinunter)\s*gefallen",
            r"gefallen\s+(?:auf|beim|von|vom|aus)",
        ),
        "cancer_history": (
            r"\w*krebs(?!\w*(?:suppe|essen|salat|fang|fisch|schere|rot|gang|vorsorge|"
            r"früherkennung|abstrich|screening|risiko|forschung|hilfe|liga|test))\w*",
            r"remission",
            r"tumor\w*",
            r"chemo\w*",
            r"bestrahlung\w*|strahlentherapie",
            r"metasta\w*",
            r"karzinom\w*|lymphom\w*|leukämie|myelom\w*|melanom\w*|sarkom\w*",
            r"onkolog\w*",
            r"bösartig\w*",
        ),
        "fracture_risk": (
            r"(?:{BONE_RISK})[\s\S]{0,100}?(?<!\w)(?:{JOLT})(?!\w)",
            r"(?<!\w)(?:{JOLT})(?!\w)[\s\S]{0,100}?(?:{BONE_RISK})",
        ),
        "weight_loss": (
            r"(?:{WEIGHT_LOST})[\s\S]{0,60}?(?:{UNMEANT})",
            r"(?:{UNMEANT})[\s\S]{0,60}?(?:{WEIGHT_LOST})",
            r"ungewollt\w*\s+gewichtsverlust|gewichtsverlust\s+(?:ohne|unerklärlich)|"
            r"unerklärlich\w*\s+gewichtsverlust",
        ),
        "leg_numbness": (
            r"(?P<sym>{NUMB})[^.!?;\n]{0,40}?(?<!\w)(?:{LEG})(?!\w)",
            r"(?<!\w)(?:{LEG})(?!\w)[^.!?;\n]{0,40}?(?P<sym>{NUMB})",
        ),
        "night_pain": (
            r"wach\w*\s+(?:\w+\s+){0,4}?auf\s+(?:weil|wegen|vor)",
            r"aufgewacht\s+(?:\w+\s+){0,3}?(?:weil|wegen|vor)\s+(?:\w+\s+){0,3}?(?:schmerz\w*|"
            r"rücken\w*|weh)",
            r"(?:weckt|wecken|weckte|geweckt)\s+(?:\w+\s+){0,2}?(?:mich|auf)",
            r"(?:wach\w*|aufgewacht|werde\s+wach)\s+(?:\w+\s+){0,3}?(?:vor|wegen|von)\s+"
            r"(?:lauter\s+|dem\s+|der\s+|den\s+|meinem\s+|meinen\s+)?(?:schmerz\w*|rücken\w*)",
            r"vor\s+schmerz\w*\s+(?:\w+\s+){0,2}?(?:nicht\s+(?:\w+\s+)?schlafen|wach|aufgewacht)",
            r"nachtschmerz\w*",
            r"(?:{NIGHT})[^.!?;\n]{0,50}?(?:{NOT_EASED})",
            r"(?:{NOT_EASED})[^.!?;\n]{0,50}?(?:{NIGHT})",
            r"(?:schmerz\w*|tut|weh|schlimmer|schlimmsten)\s+(?:\w+\s+){0,3}?(?:nachts|in\s+der"
            r"\s+nacht)\s+(?:\w+\s+){0,2}?(?:schlimmer|am\s+schlimmsten|unerträglich|heftig)",
            r"(?:nachts|in\s+der\s+nacht)\s+(?:\w+\s+){0,3}?(?:am\s+schlimmsten|unerträglich|schlimmer)",
        ),
    },
    idioms=(
        r"lampenfieber|reisefieber|jagdfieber|(?:wm|em|fussball)[\s-]?fieber|goldfieber|"
        r"fussballfieber|kaufrausch|fieberhaft\w*|fieberthermometer",
        r"(?:hat|hatte|haette|hat\s+mir|hat\s+uns|gut|sehr)\s+(?:\w+\s+){0,2}?gefallen",
        r"gefallen\s+(?:lassen|tun|getan)|einen\s+gefallen",
        r"(?:sternzeichen|bin\s+(?:ein|eine)|als)\s+krebs|krebse?\s+(?:essen|gegessen)",
        r"brust(?:schwimmen|muskel\w*|training|presse|dehnung|tag)|hähnchenbrust|putenbrust",
        r"brust\s+(?:und|oder)\s+kraul\w*|kraul\w*\s+(?:und|oder)\s+brust|brust\s+geschwommen",
        r"(?:fu(?:ss|s)|bein|arm|hand)\s+(?:\w+\s+)?eingeschlafen\s+(?:beim|vom|weil)\s+sitzen",
        r"(?:schüttel|wackel)\s+(?:mich|dich)\s+vor\s+lachen",
        r"vor\s+lachen\s+(?:fast\s+)?(?:in\s+die\s+hose|eingenässt|gepinkelt)",
        # "(fast) in die Hose gemacht (vor Lachen)": nearly, or from laughing or fright, is a
        # figure of speech; losing control for real still reads ("kann es kaum halten").
        r"(?:fast|beinahe|fasst|bald)\s+(?:\w+\s+){0,2}?(?:in\s+die\s+hose|eingenässt|"
        r"eingepinkelt|eingemacht)(?:\s+(?:gemacht|gepinkelt|gepullert|geschissen|gekackt))?",
        r"(?:in\s+die\s+hose|eingenässt|eingepinkelt|eingemacht)\s+(?:\w+\s+)?"
        r"(?:gemacht\s+|gepinkelt\s+)?vor\s+(?:lachen|angst|schreck|aufregung)",
        r"vor\s+(?:lachen|angst|schreck|aufregung)\s+(?:\w+\s+){0,2}?(?:in\s+die\s+hose|"
        r"eingenässt|eingepinkelt|eingemacht)(?:\s+(?:gemacht|gepinkelt|gepullert))?",
        # "umgehauen" of news, a film or a price is amazement; of a dog, a wave or a person it
        # may be a fall and stays trauma, and so does an unnamed "hat mich umgehauen".
        r"(?:{FIGURATIVE_BLOW})\s+(?:\w+\s+){0,3}?(?:hat|haben|hatte|hatten|hätte)\s+"
        r"(?:mich|uns)\s+(?:\w+\s+){0,3}?umgehauen",
        r"(?:hat|haben|hatte|hatten|hätte)\s+(?:mich|uns)\s+(?:\w+\s+){0,3}?umgehauen\s*,?\s*"
        r"(?:der|die|das|dein|deine|eure|ihr|ihre|sein|seine)\s+(?:\w+\s+)?(?:{FIGURATIVE_BLOW})",
        r"(?:das|des|dis|dies|es|sowas)\s+(?:hat|hatte|hätte)\s+(?:mich|uns)\s+(?:\w+\s+){0,2}?"
        r"umgehauen|(?:hat|hatte)\s+(?:mich|uns)\s+(?:das|des|es)\s+(?:\w+\s+){0,2}?umgehauen",
        r"(?:handy|laptop|pc|computer|app|rechner|server|system)\s+(?:\w+\s+)?(?:abgestürzt|crash\w*)|abgestürzt",
        r"unfallfrei|unfallversicherung",
        # "ist runtergefallen": a thing or another person fell; the user says "bin"
        r"(?:ist|sind)\s+(?:\w+\s+){0,4}?\w*(?:gefallen|gestürzt|geflogen)",
        r"vor\s+lachen|lachanfall",
        # "fast hingefallen": it did not happen
        r"(?:fast|beinahe)\s+(?:\w+\s+){0,3}?\w*(?:gefallen|gestürzt|geflogen|rutscht|knickt)",
        # a chest sore from coughing is a strained muscle, not the chest pain of this table
        r"brust\w*\s+(?:\w+\s+){0,3}?(?:vom|beim|durchs?|wegen\s+(?:dem|des))\s+"
        r"(?:husten|niesen)\w*(?:\s+\w+){0,2}",
        r"(?:vom|beim|durchs?)\s+(?:husten|niesen)\w*\s+(?:\w+\s+){0,3}?brust\w*(?:\s+\w+){0,2}",
        r"schwach\s*(?:sinn\w*|er\s+kaffee|en\s+moment|e\s+leistung)|schwachsinn\w*",
        r"einfach\s+so\s+(?:mal|zum\s+spass)",
        r"mir\s+(?:ist\s+)?(?:die\s+)?(?:decke|kinnlade)\s+(?:auf\s+den\s+kopf\s+)?gefallen",
        r"aus\s+allen\s+wolken\s+gefallen|ins\s+wasser\s+gefallen|schwer\s+gefallen|"
        r"leicht\s+gefallen|aufgefallen|eingefallen|ausgefallen|durchgefallen|zugefallen|"
        r"weggefallen|reingefallen|abgefallen|zerfallen|verfallen",
    ),
    whole_message_signs=frozenset({"fracture_risk", "weight_loss"}),
    exercise=(
        r"(?:nach|von|vom|beim)\s+(?:dem\s+|der\s+|meinem\s+|meiner\s+)?(?:\w+\s+)?(?:training|"
        r"sport|marathon|lauf|laufen|joggen|leg\s*day|beintag|spinning|fitness\w*|gym|"
        r"kniebeugen|squats|wandern|wanderung|radtour|radfahren|workout|halbmarathon)",
        r"sport\s+gemacht|leg\s*day|beintag|muskelkater|trainiert",
    ),
    contrast_words=(
        # not in "hab ich aber nicht", which denies what was just said
        r"(?<!ich\s)aber",
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
    clause_break_words=(r"und", r"weil", r"da", r"sowie", r"während", r"dass"),
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
        r"(?:habe|hatte|hab|ist|sind|war|spuere|merke)\s+(?:ich\s+)?(?:zum\s+glück\s+|aber\s+|gott\s+sei\s+dank\s+)?(?:kein\w*|nicht|nichts|nix)(?!\s+mehr)",
        r"(?:kein\w*|nicht|nichts)\s*$",
        r"fehlanzeige",
        # "blase ok", "pinkeln klappt normal"
        r"(?:ist\s+|sind\s+|alles\s+|klappt\s+|geht\s+)?(?:ok|okay|normal|in\s+ordnung|unauffällig)",
        r"(?:gibt\s+es|gibts)\s+(?:\w+\s+)?(?:kein\w*|nicht)",
    ),
    resolved_words=(
        r"vor\s+(?:\w+\s+)?(?:jahren|jahrzehnten|monaten)",
        r"letzte[ns]?\s+jahr",
        r"vorletzte[ns]?\s+jahr",
        r"(?:19|20)\d\d",
        r"als\s+(?:kind|jugendliche\w*|teenager|baby|student\w*)",
        r"früher",
        r"damals",
        r"(?:ist|sind|war)\s+(?:jetzt\s+|inzwischen\s+|mittlerweile\s+|zum\s+glück\s+)?(?:wieder\s+)?(?:weg|vorbei|verschwunden|gut|besser|normal|ok|okay)",
        r"(?<!immer\s)wieder\s+(?:weg|gut|normal|ok|okay|alles\s+gut)",
        r"(?:ging|gehen|geht)\s+(?:(?!nicht|nie)\w+\s+)?(?:weg|vorbei)",
        r"(?:hat|haben)\s+(?:sich\s+)?(?:\w+\s+)?(?:aufgehört|gelegt|gegeben|"
        r"beruhigt)",
        r"verschwunden|abgeklungen|vorbei",
        r"nur\s+kurz|für\s+(?:eine\s+)?(?:sekunde|minute|moment|paar\s+sekunden)",
        r"nicht\s+mehr\s+(?:taub|da|schwach)",
    ),
    other_person_words=(
        r"(?:mein|meine|meinem|meiner|meinen|unser\w*)\s+(?:\w+\s+)?(?:mann|frau|vater|papa|"
        r"mutter|mama|mutti|opa|oma|gro(?:ss|s)vater|gro(?:ss|s)mutter|bruder|schwester|sohn|"
        r"tochter|freund\w*|kolleg\w*|chef\w*|nachbar\w*|onkel|tante|cousin\w*|partner\w*|"
        r"kumpel\w*|bekannte\w*|kinder|kids|baby|eltern|"
        r"schwieger\w*|kind\w*|hund|katze)",
        r"(?:freund\w*|kumpel\w*|mama|papa|mutter|vater|oma|opa|bruder|schwester|mann|frau|"
        r"sohn|tochter|kolleg\w*|chef\w*|nachbar\w*)\s+(?:hat|hatte|ist|war|kann|konnte|"
        r"haben|hatten)",
        r"(?:die|der|das|den|unsere|unser)\s+(?:kinder|kids|kleine[nr]?|baby|kollegen?|"
        r"kollegin|nachbarn?|nachbarin)",
        r"(?:er|sie)\s+(?:hat|hatte|kann|konnte|ist|war|fühlt|spürt|"
        r"sagt|meint)",
        r"(?:seine|ihre|seinen|ihren|seinem|ihrem)\s+(?:\w+\s+)?(?:beine|füsse|bein|"
        r"blase|schritt|po|brust)",
    ),
    hearsay_words=(
        r"gelesen",
        r"gehört",
        r"gegoogelt|gegooglet|google",
        r"laut\s+(?:internet|google|arzt|doktor)",
        r"(?:gefragt|fragt|fragte)\s+(?:\w+\s+){0,2}?(?:ob|nach)",
        r"(?:anzeichen|symptome|warnzeichen|warnsignale)\s+(?:für|von|wie|sind)",
        r"(?:arzt|ärztin|doc|doktor|hausarzt|hausärztin|physio\w*|orthopäde|orthopädin)\s+"
        r"(?:\w+\s+)?(?:meinte|meint|sagt|sagte|hat\s+gesagt|erklärt\w*)",
        r"was\s+(?:ist\s+)?wenn",
        r"(?:achten|aufpassen)\s+(?:auf|ob)|drauf\s+achten|darauf\s+achten",
        r"falls",
        r"im\s+fall(?:e)?",
    ),
    denial_words=(
        r"(?:aber\s+|und\s+|zum\s+glück\s+|gott\s+sei\s+dank\s+)*(?:habe|hab|hatte)"
        r"\s+ich\s+(?:aber\s+|zum\s+glück\s+)?(?:nicht|kein\w*|nichts)",
        r"(?:aber\s+)?(?:das|sowas|so\s+was)\s+(?:habe|hab|hatte)\s+ich\s+(?:\w+\s+)?(?:nicht|"
        r"kein\w*|nie)",
        r"(?:ich\s+)?(?:habe|hab)\s+(?:ich\s+)?(?:das|sowas|davon)\s+(?:\w+\s+)?(?:nicht|nichts|"
        r"nix|nie)",
    ),
    emergency_topics=(
        r"pinkel\w*|gepinkelt|pipi|urin\w*|blase|blasen\w*|harn\w*|stuhl\w*|darm\w*|"
        r"klo|toilette|inkontinen\w*|tröpfel\w*|wasserlassen|wasser\s+lassen|eingenässt",
        r"schritt|intim\w*|genital\w*|penis|glied|scheide|vagina|schamlippen|hoden|damm|after|"
        r"anus|reithose\w*|untenrum|unten\s+rum|da\s+unten|zwischen\s+den\s+beinen",
        r"erektion\w*|sex\w*|potenz\w*|impoten\w*|orgasmus|im\s+bett\s+läuft",
        r"brust|brustkorb|brustbein|herzgegend",
        r"beide[nr]?\s+(?:\w+\s+)?(?:beine?n?|füsse?n?|seiten|oberschenkeln?)|beidseitig\w*",
        r"(?:ein|das|so\s+ein)\s+rei(?:ss|s)en|rei(?:ss|s)end\w*|zerrei(?:ss|s)\w*|zerrissen",
    ),
    seat_words=(r"po|popo|hintern|gesäß|pobacke\w*|arsch\w*|sitzfläche",),
    feeling_change=(
        r"taub\w*|kribbel\w*|kribbl\w*|eingeschlafen|pelzig\w*|numb\w*|komisch|anders|"
        r"seltsam|merkwürdig|gefühl\w*|spür\w*|merk\w*|dumpf",
    ),
    pure_resolution=(
        r"(?:jetzt|inzwischen|heute|mittlerweile)\s+(?:\w+\s+)?nicht\s+mehr",
        r"(?:(?:ist|es|jetzt|wieder|aber|inzwischen|mittlerweile|zum|glück|alles|war)\s+)*(?:weg|vorbei|verschwunden|gut|besser|normal|ok|okay)",
    ),
)
