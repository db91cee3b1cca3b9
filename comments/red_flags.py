# ruff: noqa: E501 -- the rules are data: one alternation of words per line reads best.
"""
The red flags of pregnancy and after birth, by clinical category, in English and Spanish.

Each ``Rule`` is a clinical concept written as slots of words ("pad|compresa",
"soak*|fill*"): a slot matches any of its words after folding and Snowball
stemming (``comments.triage``), a word ending in ``*`` is a prefix, and a
word of six letters or more also matches its misspellings one letter away.

- ``seq`` rules need their slots in order, in one clause, with at most
  ``gap`` words between each ("my waters have just gone").
- ``near`` rules need every slot within ``window`` words of the first, in any
  order, in one sentence ("a pad every hour, filling it").
- ``unless``: words that, anywhere in the sentence, mean something else
  ("bleeding gums", "out of breath on the stairs").
- ``weeks``: (from, before) weeks of pregnancy; when the reader says how far
  along she is, the rule applies only in that range (tightenings every few
  minutes are preterm labour before 37 weeks; fewer movements matter once
  movements are established).

The categories follow the clinical warning signs midwives teach (NICE and
RCOG guidance, the NHS "urgent advice" lists): they are concepts, not
quotations of questions, and are measured with ``manage.py triage_report``
on labelled questions, including a held-out set nobody tuned on.
"""

from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _

# Most serious first: when a question shows several, the first one found here
# decides the emergency box (a crisis line for suicidal thoughts).
CATEGORIES = (
    "self_harm",
    "violence",
    "fits",
    "chest_breathing",
    "fainting",
    "bleeding",
    "prolapse",
    "pre_eclampsia",
    "abdominal_pain",
    "waters",
    "movements",
    "trauma",
    "preterm_labour",
    "fever",
)

CATEGORY_LABELS = {
    "bleeding": _("Heavy or ongoing bleeding"),
    "waters": _("Waters breaking or fluid leaking"),
    "movements": _("Baby moving less or not at all"),
    "abdominal_pain": _("Severe abdominal pain"),
    "pre_eclampsia": _("Signs of pre-eclampsia"),
    "fever": _("Fever or signs of infection"),
    "preterm_labour": _("Possible preterm labour"),
    "prolapse": _("Something coming down or out of the vagina"),
    "fainting": _("Fainting or collapse"),
    "chest_breathing": _("Chest pain or breathlessness"),
    "fits": _("Fits (seizures)"),
    "trauma": _("A fall or a blow to the bump"),
    "violence": _("Violence or abuse at home"),
    "self_harm": _("Thoughts of suicide or self-harm"),
}

# Asked in general terms or about the past, these still show the crisis line.
NEVER_SKIPPED_FOR_CONTEXT = frozenset({"self_harm", "violence"})

# Events that need a check even when the reader feels fine afterwards ("I fell on my
# bump but I feel fine"): "it's over" does not make them routine.
NOT_UNDONE_BY_FEELING_FINE = frozenset({"trauma", "fits", "fainting", "violence", "self_harm"})

# Severe hypertension in pregnancy (same-day assessment): 150/100 and above.
SEVERE_SYSTOLIC = 150
SEVERE_DIASTOLIC = 100

NEGATION_REACH = 5

NEGATIONS = {
    "en": frozenset({"no", "not", "never", "without", "nor", "none", "neither", "zero"}),
    "es": frozenset({"no", "sin", "nunca", "ni", "tampoco", "ningun", "ninguna", "nada"}),
}


def _words(text):
    return frozenset(text.split())


ALL_NEGATIONS = frozenset().union(*NEGATIONS.values())

# How a general question starts, and the words that show the reader speaks of herself.
QUESTION_OPENERS = _words(
    "does do can could will would is are should may might what whats why how which "
    "puede pueden se es son hay que cual cuales por como cuanto cuanta"
)
FIRST_PERSON = _words(
    "i im ive id my me mine myself we were our us "
    "yo estoy tengo tuve me mi mis llevo noto siento he estaba"
)

# "I nearly fainted", "casi me caigo": the event did not happen. Only for events:
# "almost every 5 minutes" is still every 5 minutes.
NEAR_MISSES = frozenset({"nearly", "almost", "casi"})
EVENT_CATEGORIES = frozenset({"trauma"})

# Words that join the last item of a list ("no bleeding, cramps or fluid").
LIST_JOINS = frozenset({"or", "nor", "o", "u", "ni"})

# Everyday words one letter from a rule word: spelled right, they are not a misspelling of
# it ("quiero" is not "quieto", "quedarme" is not "quemarme").
NOT_MISSPELLINGS = frozenset(
    {
        "quiero",
        "quieres",
        "quiere",
        "quedarme",
        "quedarse",
        "quedarte",
        "llevarme",
        "cenarme",
    }
)


# Words that may stand between a negation and what it negates.
FILLERS = {
    "en": _words(
        "a an the any some more much further new real signs sign of or and at all "
        "have has had been is was are were there be they re its it im i really "
        "pain cramps cramping spotting discharge vaginal heavy fresh major "
        "thoughts urges ideas plans "
        "think thought believe noticed notice seen my her his had having got get "
        "experienced signs symptoms sudden bad real proper"
    ),
    "es": _words(
        "llegue llego alcance a "
        "he ha hay habido tenido tengo tiene tuve mas de del el la los las un una "
        "y o ni ningun ninguna nada me se le son es esta estoy noto siento "
        "dolor manchado perdidas sintomas signos senales "
        "pensamientos ideas ganas "
        "creo que pienso en notado visto he tenido mi su ningun nada"
    ),
}

ALL_FILLERS = frozenset().union(*FILLERS.values())

# Misspellings too short or too far off for the one-letter rule (folded words).
MISSPELLINGS = {
    "en": {
        "bleedin": "bleeding",
        "bld": "blood",
        "watters": "waters",
        "wtaers": "waters",
        "hedache": "headache",
        "hedake": "headache",
        "temp": "temperature",
        "feaver": "fever",
        "fevr": "fever",
        "siezure": "seizure",
        "feinted": "fainted",
        "mins": "minutes",
        "bub": "baby",
        "bubba": "baby",
        "lo": "baby",
        "wks": "weeks",
    },
    "es": {
        "sangando": "sangrando",
        "sangre_": "sangre",
        "bebe": "bebe",
        "vb": "bebe",
        "desmalle": "desmaye",
        "desmalle_": "desmaye",
        "convulcion": "convulsion",
        "convulciones": "convulsiones",
        "contraciones": "contracciones",
        "sem": "semanas",
    },
}

# Other ways of saying a word the rules know (folded; phrases allowed): slang, text-speak,
# Latin American and Spanish regional words. Applied before the rules, like misspellings.
SYNONYMS = {
    "en": {
        "havnt": "have not",
        "hvnt": "have not",
        "havent": "have not",
        "cnt": "can not",
        "dnt": "do not",
        "didnt": "did not",
        "2day": "today",
        "2nite": "tonight",
        "tonite": "tonight",
        "bby": "baby",
        "babyy": "baby",
        "preggo": "pregnant",
        "preggers": "pregnant",
        "hrs": "hours",
        "hr": "hour",
        "abdo": "abdomen",
        "hubby": "husband",
        "hubs": "husband",
        "dh": "husband",
        "baby daddy": "partner",
        "babys dad": "partner",
        "babies dad": "partner",
        "baby s dad": "partner",
        "babys father": "partner",
        "father of my baby": "partner",
        "father of the baby": "partner",
        "dad of my baby": "partner",
        "mvmts": "movements",
        "mvmt": "movement",
        "mvts": "movements",
        "contrax": "contractions",
        "contras": "contractions",
        "bleedn": "bleeding",
        "bleeing": "bleeding",
        "meds": "medication",
        "tabs": "tablets",
        "od": "overdose",
        "shes": "she is",
        "hes": "he is",
        "myslf": "myself",
        "meself": "myself",
    },
    "es": {
        "panza": "barriga",
        "pancita": "barriga",
        "pansa": "barriga",
        "guata": "barriga",
        "barriguita": "barriga",
        "bebito": "bebe",
        "bebita": "bebe",
        "bb": "bebe",
        "guagua": "bebe",
        "piso": "suelo",
        "papa del bebe": "pareja",
        "padre del bebe": "pareja",
        "papa de mi bebe": "pareja",
        "padre de mi bebe": "pareja",
        "papa de mi hijo": "pareja",
        "padre de mi hijo": "pareja",
        "papa de mi hija": "pareja",
        "padre de mi hija": "pareja",
        "mi esposo": "mi marido",
        "toallas femeninas": "compresas",
        "toalla femenina": "compresa",
        "toallitas": "compresas",
        "kotex": "compresa",
        "q": "que",
        "xq": "porque",
        "tb": "tambien",
        "sangro mucho": "sangrando mucho",
        "aguita": "agua",
        "kiero": "quiero",
        "qiero": "quiero",
        "aki": "aqui",
        "tngo": "tengo",
        "toy": "estoy",
        "nadien": "nadie",
        "pastis": "pastillas",
        "pastiyas": "pastillas",
    },
}

# Figures of speech that use a red flag's words innocently ("this heartburn is killing me",
# "I could die of embarrassment", "me muero de ganas", "dying to know the sex"): folded
# patterns, read as the neutral token ``xidiomx`` before any rule, in both languages.
# Only hyperbole about a thing, a feeling or a wish: "kill myself", "quiero morirme" and
# "want to die" stay what they say.
# Medicines a reader may take too many of, as folded prefixes (both languages).
MEDICINE_PREFIXES = (
    "tablet",
    "pill",
    "painkiller",
    "paracetamol",
    "ibuprofen",
    "codeine",
    "codamol",
    "cocodamol",
    "tramadol",
    "sertralin",
    "citalopram",
    "fluoxetin",
    "antidepressant",
    "sleeping",
    "medication",
    "medicine",
    "aspirin",
    "insulin",
    "diazepam",
    "lorazepam",
    "pastilla",
    "pildora",
    "comprimido",
    "medicament",
    "medicina",
    "ibuprofeno",
    "antidepresiv",
    "calmante",
    "tranquilizant",
    "somnifero",
    "ansiolitic",
    "orfidal",
    "paracetamol",
    "nolotil",
    "metamizol",
    "blister",
)
_MEDICINES = "|".join(f"{prefix}*" for prefix in MEDICINE_PREFIXES) + "|meds|tabs|xmanyx"

_FEELINGS_EN = (
    "embarrassment|shame|laughing|laughter|boredom|excitement|happiness|jealousy|envy|"
    "curiosity|heat|hunger|cringe|nerves|suspense|anticipation|tiredness"
)
_FEELINGS_ES = (
    "ganas|risa|verguenza|sueno|hambre|calor|frio|cansancio|envidia|nervios|curiosidad|"
    "pena|asco|miedo|amor|emocion|alegria|sed|aburrimiento|dolor|susto|celos|impaciencia"
)
IDIOMS = (
    # "this heartburn is killing me", "my feet are killing me", "the wait kills me"
    r"(?:is|are|s|was|were|been|keeps|kept) (?:literally |actually |really |just |absolutely |slowly )?killing me",
    r"(?:it|this|that|which|heat|wait|waiting|back|feet|heartburn|pain) kills me",
    # "my husband would kill me if I bought another pram"
    r"(?:would|will|gonna|going to|d|ll) (?:literally |actually |totally )?kill me (?:if|when|for|lol|haha)",
    r"(?:die|died|dying|dead) (?:of|from|with|laughing) (?:the )?(?:" + _FEELINGS_EN + r")",
    r"(?:die|died|dying|dead) laughing",
    r"(?:dying|die) (?:to|for) (?:know|find out|meet|see|hold|tell|try|eat|have|get|go|hear|a |an |some )",
    r"(?:me )?(?:muero|muera|muriera|muriese|moria|muriendo|mori|morirme|morir|murio|muerta|muerto|muertas|muertos) (?:de|del|de la) (?:"
    + _FEELINGS_ES
    + r")",
    r"(?:me|nos) (?:esta|estan|estaba|estaban) matando",
    # "se me va a caer la cara de vergüenza": shame, not a fall.
    r"(?:caer|cae|caia|cayo|caera) la cara de (?:verguenza|pena)",
    r"(?:me|nos) (?:mata|matan|mataba|mataban)(?! (?:a|al|mi|de|si))",
    # "quiero desaparecer del grupo", "desaparecer de las redes": the place is not this world.
    r"desaparecer (?:del|de la|de las|de los|de este|de ese) (?:grupo|chat|whatsapp|redes|reunion|trabajo|oficina|fiesta|cena|mapa del grupo|mapa|foro|instagram|facebook)",
)

# Sentence context (folded words, matched as whole words; history markers may be patterns).
CONTEXT = {
    "en": {
        "history": (
            "last pregnancy",
            "previous pregnancy",
            "my first pregnancy",
            "other pregnancy",
            "with my first",
            "with my son",
            "with my daughter",
            "last year",
            "last month",
            "as a child",
            "as a teenager",
            "old scars",
            "self harm scars",
            "old self harm",
            "when i was younger",
            "used to",
            "in the past",
            "was checked over",
            "scan was fine",
            "scans were fine",
            "(?:(?:[0-9]+|a|one|two|three|four|five|six|few|several|couple of|many) )?(?:months|month|years|year) ago",
            "before i knew i was pregnant",
            "before i found out",
            "when i was (?:[0-9]+|pregnant|younger|little|small|a child|a kid|a teen[a-z]*|at school|in my)",
            "when she was",
            "with my last",
            "(?:my |a |the )?(?:first|last|previous|other|traumatic first|traumatic) (?:birth|labour|labor|delivery)",
            "after my first",
            "after my last",
            "after my son",
            "after my daughter",
            "in my life",
            "as a kid",
            "turned out",
        ),
        "present": (
            "now",
            "again",
            "still",
            "today",
            "tonight",
            "right now",
            "this morning",
            "currently",
            "since",
            "getting",
            "worse",
            "keep",
            "keeps",
        ),
        "current": (
            "im",
            "i m",
            "i am",
            "ive been",
            "i ve been",
            "right now",
            "at the moment",
            "keep",
            "keeps",
        ),
        "averted": (
            "(?:did not|didnt|never|not) (?:actually )?(?:fall|land|hit)",
            "caught myself",
            "without falling",
        ),
        "resolved": (
            "and (?:it |then |then it )?stopped",
            "(?:im|i am|i feel|feeling) (?:ok|okay|fine|better|calmer|calm|alright|much better)(?: now)?",
            "all fine now",
            "which stopped",
            "that stopped",
            "it stopped",
            "has stopped",
            "had stopped",
            "fine now",
            "ok now",
            "okay now",
            "better now",
            "all good now",
            "went away",
            "gone away",
            "settled down",
            "back to normal",
            "moving again",
            "kicking again",
            "started moving",
            "resolved",
            "cleared up",
            "settled",
            "started kicking",
            "moved loads",
            "kicked loads",
        ),
        "birth": (
            "gave birth",
            "had my baby",
            "had the baby",
            "had baby",
            "baby was born",
            "delivered",
            "section",
            "birth",
        ),
        "other_person_is_the_patient": (
            "found me",
            "saw me",
            "says i",
            "said i",
            "she s",
            "shes",
            "she is",
            "pregnant",
            "(?:is|s|at) [0-9]+ (?:weeks|wks|w)",
        ),
        "other_person": (
            "my sister",
            "my mum",
            "my mom",
            "my mother",
            "my friend",
            "my cousin",
            "a friend",
            "my colleague",
            "my sister in law",
        ),
        "information_in_clause": ("if", "what if", "in case", "unless"),
        "information": (
            "how much",
            "how many",
            "cause",
            "causes",
            "prevent",
            "avoid",
            "signs of",
            "sign of",
            "symptoms of",
            "the signs",
            "how do i know",
            "how can i tell",
            "how will i know",
            "how do you know",
            "when should",
            "when do i",
            "what does",
            "what is",
            "what are",
            "what happens",
            "read that",
            "reading about",
            "ive read",
            "how long does",
            "how long do",
            "is it true",
            "can you get",
            "does having",
            "chances",
            "chance of",
            "risk of",
            "how long",
            "how to",
            "what to do",
            "what counts",
            "is it dangerous",
            "is it safe",
            "is it bad",
            "is it possible",
            "can a",
            "can an",
            "could a",
            "watch for",
            "watch out for",
            "look out for",
            "keep an eye",
            "told me to",
            "told to",
            "said to",
            "advised",
            "warning signs",
            "how common",
            "worried about getting",
            "scared of getting",
            "what would",
            "should i worry",
            "should i be worried",
            "difference between",
            "tell me about",
            "explain",
            "information about",
            "info on",
            "want to know",
            "wondering",
        ),
        "information_exempt_before": (
            "not sure",
            "sure",
            "know",
            "wonder",
            "as",
        ),
    },
    "es": {
        "history": (
            "anterior embarazo",
            "embarazo anterior",
            "primer embarazo",
            "otro embarazo",
            "ano pasado",
            "mes pasado",
            "de pequena",
            "de pequeno",
            "de nina",
            "de adolescente",
            "cicatrices antiguas",
            "viejas cicatrices",
            "cicatrices de autolesion[a-z]*",
            "de joven",
            "antes me",
            "en el pasado",
            "hace (?:[0-9]+|un|una|dos|tres|cuatro|cinco|seis|unos|unas|varios|varias|muchos) (?:mes|meses|ano|anos)",
            "hace meses",
            "hace anos",
            "antes de saber que estaba embarazada",
            "antes de saber",
            "cuando estaba",
            "cuando ella",
            "en mi vida",
            "todo bien",
            "resulto ser",
            "parto anterior",
            "(?:mi |el )?primer parto",
            "(?:mi |el )?ultimo parto",
            "anterior parto",
            "el otro parto",
            "con mi primer",
            "con el primero",
            "con la primera",
            "con mi hijo",
            "con mi hija",
        ),
        "present": (
            "ahora",
            "ahorita",
            "hoy",
            "otra vez",
            "de nuevo",
            "todavia",
            "sigo",
            "sigue",
            "esta manana",
            "esta noche",
            "desde",
            "cada vez",
            "empeora",
        ),
        "current": (
            "estoy",
            "llevo",
            "ahora mismo",
            "me esta",
            "me estan",
            "no para",
            "no paro",
        ),
        "averted": (
            "(?:no|sin) (?:llegue a |llegar a )?(?:caer|caerme|me cai)",
            "me agarre",
            "me sujete",
        ),
        "resolved": (
            "y (?:ya |luego |despues )?(?:se )?(?:paro|detuvo|quito)",
            "(?:ya |hoy )?(?:estoy|me siento|me encuentro) (?:bien|mejor|tranquila)",
            "ya estoy bien",
            "ya paro",
            "ya se paso",
            "se me paso",
            "se me quito",
            "ya se me quito",
            "ya se quito",
            "ya esta bien",
            "se movio un monton",
            "se movio mucho",
            "volvio a moverse",
            "se volvio a mover",
            "ya paso",
            "volvio a patear",
            "ya se mueve",
        ),
        "birth": (
            "pari",
            "di a luz",
            "dar a luz",
            "tuve a mi bebe",
            "tuve al bebe",
            "tuve a la bebe",
            "nacio",
            "parto",
            "cesarea",
        ),
        "other_person_is_the_patient": (
            "me encontro",
            "me vio",
            "dice que yo",
            "esta de",
            "tiene",
            "embarazada",
            "(?:esta|de) [0-9]+ (?:semanas|sem)",
        ),
        "other_person": (
            "mi hermana",
            "mi madre",
            "mi mama",
            "mi amiga",
            "una amiga",
            "mi prima",
            "mi cunada",
            "a mi hermana",
        ),
        "information_in_clause": ("si", "que pasa si", "en caso de"),
        "information": (
            "cuanto",
            "cuanta",
            "cuantos",
            "causar",
            "causa",
            "provocar",
            "prevenir",
            "evitar",
            "sintomas",
            "senales",
            "como se",
            "como sabre",
            "como saber",
            "cuando debo",
            "cuando tengo que",
            "cuando hay que",
            "que significa",
            "que es",
            "he leido",
            "leyendo",
            "cuanto dura",
            "es verdad",
            "es cierto",
            "probabilidades",
            "es hereditario",
            "es peligroso",
            "es grave",
            "es seguro",
            "riesgo de",
            "que hacer",
            "como reconocer",
            "como detectar",
            "como se detecta",
            "me dijeron que",
            "vigilar",
            "estar atenta",
            "senales de alarma",
            "cuales son",
            "puede un",
            "puede una",
            "pueden",
            "por si acaso",
            "(?:me preocupa|me da miedo|me asusta|tengo miedo de|miedo a|miedo de) [a-z]+(?:ar|er|ir|arme|erme|irme|arse|erse|irse)",
            "diferencia entre",
            "explicar",
            "explicarme",
            "informacion sobre",
            "quiero saber",
            "cuanto tiempo",
        ),
        "information_exempt_before": ("no se", "se", "como", "saber"),
    },
}


@dataclass(frozen=True)
class Rule:
    category: str
    language: str
    slots: tuple
    kind: str = "seq"
    gap: int = 3
    window: int = 6
    unless: str = ""
    weeks: tuple | None = None
    # True: the rule applies only when the reader says how far along she is.
    needs_weeks: bool = False
    # How many words before the match ``unless`` looks at; None: the whole clause.
    # "my son hits me" is not a partner, "he hit me in front of my son" is.
    unless_before: int | None = None


RULES = []


def _seq(category, language, *slots, gap=3, unless="", weeks=None, unless_before=None):
    RULES.append(
        Rule(
            category,
            language,
            slots,
            "seq",
            gap=gap,
            unless=unless,
            weeks=weeks,
            unless_before=unless_before,
        )
    )


def _near(category, language, *slots, window=6, unless="", weeks=None, needs_weeks=False):
    RULES.append(
        Rule(
            category,
            language,
            slots,
            "near",
            window=window,
            unless=unless,
            weeks=weeks,
            needs_weeks=needs_weeks,
        )
    )


def _one(category, language, words, unless="", weeks=None, needs_weeks=False):
    RULES.append(
        Rule(
            category, language, (words,), "seq", unless=unless, weeks=weeks, needs_weeks=needs_weeks
        )
    )


BEFORE_TERM = (0, 37)
PRETERM_LABOUR_WEEKS = (20, 37)
MOVEMENTS_ESTABLISHED = (22, 44)
EARLY_PREGNANCY = (0, 14)

EN, ES = "en", "es"

# --- Thoughts of suicide or self-harm ------------------------------------------
_one("self_harm", EN, "suicid*")
_seq("self_harm", EN, "kill*", "myself|me", gap=1)
_seq("self_harm", EN, "end|ending|ended", "life|all|everything", gap=2)
_seq("self_harm", EN, "take|taking", "life", gap=2)
_seq("self_harm", EN, "want|wanna|wish|wished|wishing|ready", "die|dead|dying", gap=3)
_seq("self_harm", EN, "not|never", "want|wanna", "live|alive|here|exist|wake|on", gap=3)
_seq("self_harm", EN, "better", "without", "me", gap=2)
_seq("self_harm", EN, "better|happier|easier", "if", "not|gone|dead|died|disappeared", gap=4)
_seq("self_harm", EN, "better", "off", "without|someone|somebody|else", gap=2)
_seq("self_harm", EN, "disappear|vanish", "forever|good|completely|everything", gap=2)
_seq("self_harm", EN, "point", "living|life|anymore|more|on|being|carrying", gap=3)
_seq("self_harm", EN, "self", "harm*", gap=0)
_one("self_harm", EN, "selfharm*")
_seq("self_harm", EN, "harm|harming", "myself", gap=1)
_seq(
    "self_harm",
    EN,
    "thought*|thinking|think|want|urge*|feel|going|might|scared",
    "hurt|hurting|harm|harming|cut|cutting",
    "myself",
    gap=2,
)
_seq(
    "self_harm",
    EN,
    "cutting|cut|burning|hit|hitting|punch*|bang*|slap*|scratch*|bite|biting|starv*|bruis*",
    "myself",
    gap=1,
    unless="accident*|accidentally|knife|cooking|chopping|slicing|peeling|shaving|oven|iron|pan|kettle|stove",
)
_near("self_harm", EN, "tablets|pills|overdose|paracetamol", "all|overdose|every", window=12)
# Acts already done or under way. Too many of a medicine: "swallowed a whole packet of
# co-codamol", "took 20 of my sertraline" (a count of eight or more is ``xmanyx``), "had a
# handful of painkillers"; "overdosed", "took an overdose". An accident is not self-harm.
_TOO_MANY_EN = "load|loads|lot|lots|handful|whole|packet|packets|pack|box|boxes|bottle|strip|strips|bunch|entire|all|xmanyx|every|everything|cabinet"
_near(
    "self_harm",
    EN,
    "took|taken|take|taking|swallow*|downed|necked|had|popped",
    _TOO_MANY_EN + "|half|most|rest",
    _MEDICINES,
    window=12,
    unless="accident*|mistake|xaccidentx|double|twice|two|forgot|forgotten|missed|course|day|daily|prescribed|safe|every",
)
# "I overdosed", "overdosed on my meds"; not "can you overdose on vitamin A?" (misspellings
# make "overdose" one letter from "overdosed", so the rule needs who did it or on what).
_seq(
    "self_harm",
    EN,
    "i|ive|just|already|have|has|had|she",
    "=overdosed|=overdosing",
    gap=1,
    unless="accident*|mistake|xaccidentx|vitamin*|caffeine|sugar",
)
_seq(
    "self_harm",
    EN,
    "=overdosed|=overdosing",
    "on|with",
    "my|her|his|the|all|some|a",
    gap=0,
    unless="accident*|mistake|xaccidentx|vitamin*|caffeine|sugar",
)
_seq(
    "self_harm",
    EN,
    "took|taken|take|taking|had",
    "overdose",
    gap=2,
    unless="accident*|mistake|xaccidentx",
)
# Self-injury: hurting a part of the body on purpose, or again and again ("cut my arm, I did
# it on purpose", "burning my skin with a lighter", "scratched my legs till they bled").
_SELF_INJURY_EN = "cut|cutting|burn*|scald*|scratch*|stab*|carv*|slash*|hit|hitting|punch*|bang*|bit|biting|pinch*|hurt|hurting"
_BODY_EN = (
    "arm|arms|leg|legs|wrist|wrists|thigh|thighs|skin|stomach|belly|tummy|face|hands|head|myself"
)
_near(
    "self_harm",
    EN,
    _SELF_INJURY_EN,
    _BODY_EN,
    "xpurposex|again|keep|kept|been|started|deep|deeper|till|until|numb|punish*|release|relief|lighter|cigarette*|razor|blade|noise",
    window=10,
    unless="accident*|xaccidentx|itch*|itchy|rash|eczema|cooking|oven|kitchen|chopping|shaving|paper|sunburn|fell|fall|bump|door|baby|babys|toddler|kick*",
)
# Plans and means: a stash, a method, a place, a goodbye.
_near(
    "self_harm",
    EN,
    "stockpil*|hoard*|saving|saved|stash*|collecting|hiding|hidden|keeping|kept",
    "drawer|enough|xmanyx|up|away|secret|when|case",
    _MEDICINES,
    window=8,
)
_seq("self_harm", EN, "hang|hanging|hanged", "myself", gap=1)
_near(
    "self_harm",
    EN,
    "rope|noose|ligature|bridge|cliff|ledge|=tracks|railway|motorway|overpass",
    "which|thinking|think|keep|use|using|used|stood|standing|drove|driven|tie|tied|picked|chosen",
    "i|im|ive|id|me|my",
    window=8,
    unless="skipping|exercise|traffic|commute|holiday|car seat|journey|route|drive to|scan",
)
_seq(
    "self_harm",
    EN,
    "goodbye|farewell",
    "message|messages|text|texts|video|videos|email|emails|voice",
    gap=2,
)
_seq(
    "self_harm", EN, "not|wont|never", "be", "around|here|alive", "long|longer|anymore|much", gap=3
)
# Indirect wishes: "I pray I don't wake up", "tired of living", "can't keep going".
_near(
    "self_harm",
    EN,
    "pray|praying|prayed",
    "not|never",
    "wake|waking|here|alive",
    window=8,
    unless="baby|babys|toddler|son|daughter|kids|children|he|she|they",
)
_seq(
    "self_harm",
    EN,
    "tired|sick|exhausted|weary",
    "of",
    "living|life|alive|existing|being",
    gap=1,
    unless="work|job|pregnant|pregnancy|sick|nausea",
)
_seq(
    "self_harm",
    EN,
    "not",
    "keep|carry",
    "going|on",
    gap=1,
    unless="to|toilet|loo|work|stairs|gym|walk*|feeding|waking|up|eating",
)
_seq("self_harm", EN, "burden", "to|on|for", "everyone|everybody|all|them|world", gap=2)
_seq(
    "self_harm",
    EN,
    "drive|driving|drove|crash|crashing|swerv*|steer*",
    "into|off",
    "wall|tree|lorry|river|road|bridge|cliff|motorway|oncoming",
    gap=2,
)
# What a risk assessment asks about: the only thing that holds her back, nothing left to live
# for, goodbyes already said, being at a high or deep place now, how easy it would be.
_seq(
    "self_harm",
    EN,
    "only",
    "thing|reason|one|person",
    "stopping|keeping|holding|stops|keeps|still",
    gap=2,
    # "the only thing keeping me sane / awake / going through the night" is comfort.
    unless="sane|awake|comfortable|cool|warm|fed|sleeping|sleep|pillow|coffee|tea|snack|snacks|biscuits|fan|podcast|podcasts|show|tv",
)
_seq(
    "self_harm",
    EN,
    "nothing|no",
    "left|reason|worth|point|purpose",
    "for|to|in",
    "me|live|living|stay|carry|exist|anymore",
    gap=1,
    unless="worry|panic|concern|stress|fear|scared|alarm",
)
_seq("self_harm", EN, "nothing", "to", "live", gap=1)
_seq("self_harm", EN, "said|saying|say", "my|our", "goodbyes|goodbye", gap=1)
_seq("self_harm", EN, "when|after|once", "im|i am|i m", "gone|dead", gap=1)
_seq(
    "self_harm",
    EN,
    "im|sat|sitting|standing|stood|parked",
    "at|on|by|in|near",
    "bridge|reservoir|cliff|edge|roof|rooftop|tracks|railway|ledge|pier|cliffs",
    gap=3,
    unless="seat|tears|nerves|holiday|view|walk|walking|drive|driving|over",
)
_near(
    "self_harm",
    EN,
    "thinking|think|looking|staring|imagining|wondering",
    "how",
    "easy|quick|simple|painless",
    "would|could",
    window=8,
    unless="formula|switch|change|breastfeed*|labour|birth|section|induction|move|pregnant|travel|work|job|nursery|recovery|feed|feeding",
)
# Thinking of death, death as a relief; intrusive commands ("my head keeps telling me to jump").
_seq(
    "self_harm",
    EN,
    "think*|thought*|dream*|fantasi*|imagin*|obsess*",
    "about|of",
    "dying|death|dead|die|suicide",
    gap=2,
    unless="labour|childbirth|giving|during|surgery|section|epidural|anaesthetic|operation|sids|cot|baby|babys|he|she|husband|partner|mum|dad",
)
_near(
    "self_harm",
    EN,
    "dying|death|dead|die",
    "relief|rest|peace|peaceful|escape",
    window=6,
    unless="baby|babys|sids|labour",
)
_seq(
    "self_harm",
    EN,
    "head|voice|voices|thoughts|brain|mind",
    "telling|tells|told|saying|says|keeps",
    "me",
    "to",
    "jump|kill|hurt|die|end|harm|cut|drown|disappear|go",
    gap=1,
)
_seq("self_harm", EN, "not|stop|cease", "existing|exist", gap=1, unless="for|to")
_seq(
    "self_harm",
    EN,
    "no",
    "way",
    "out",
    gap=1,
    unless="labour|baby|breech|birth|pregnancy|traffic|house|car|mortgage|debt|debts|loan|loans|contract|lease|rent|job|money|bills",
)
_seq(
    "self_harm",
    EN,
    "end|ending|ended",
    "things",
    gap=1,
    unless="with|relationship|boyfriend|partner|husband|friendship|job|contract",
)
_seq(
    "self_harm",
    EN,
    "want|wish|need",
    "all|everything",
    "over",
    gap=3,
    unless="pregnancy|pregnant|labour|birth|nausea|sickness|sick|pain|heartburn|induction|weeks|baby|here|born|arrived|meet",
)
_seq(
    "self_harm",
    EN,
    "want|wish|wanna|go|fall|just",
    "sleep|asleep",
    "forever|permanently|good",
    gap=2,
    unless="baby|babys|he|she|lo|night|nights",
)
_seq("self_harm", EN, "better|off", "dead", gap=2)
_seq("self_harm", EN, "deserve|deserved|deserves", "to", "die|dead|death", gap=1)
# "I don't care if I live or die": the negation is part of it.
_seq("self_harm", EN, "not|dont", "care", "if|whether", "live|die|alive|dead|wake", gap=2)
# Looking up a way: "googled ways to die", "how many paracetamol would kill me".
_near(
    "self_harm",
    EN,
    "googled|google|googling|looked|searched|searching|researched|researching",
    "ways|way|how|methods",
    "die|dying|kill|end|lethal|fatal|overdose|suicide|hang",
    window=6,
)
_near(
    "self_harm",
    EN,
    "how",
    "many|much",
    _MEDICINES,
    "would|kill|die|lethal|fatal|enough",
    window=6,
    unless="headache|pain|dose|day|daily|hours|safe|allowed|maximum|max|can|should|fever|toothache",
)
# "I've been cutting again", "started cutting", not "cutting back on sugar".
_NOT_CUTTING_ONESELF = "hair|carbs|sugar|down|out|caffeine|coffee|food|nails|onions|grass|teeth|tooth|wood|cord|fabric|paper|crusts|meat|veg*|fruit|sandwich*|bread|cake|fringe|dairy|gluten|alcohol|hours|shifts|back"
_seq(
    "self_harm",
    EN,
    "been|started|keep|kept|stop|stopped",
    "cutting",
    gap=1,
    unless=_NOT_CUTTING_ONESELF,
)
_seq("self_harm", EN, "cutting", "again", gap=0, unless=_NOT_CUTTING_ONESELF)
_seq(
    "self_harm",
    EN,
    "walk*|swim*|wade|wading|step*|run|running",
    "into|out",
    "sea|river|lake|traffic|ocean|waves|road",
    gap=2,
    unless="safe|holiday|okay|ok|allowed|beach|paddle|paddling|dog|toddler",
)
_seq(
    "self_harm",
    EN,
    "jump*|step*|throw",
    "front|off|from",
    "train|car|bus|bridge|building|roof|lorry|floor|balcony|window|cliff|tower|flats|storey|multistorey",
    gap=3,
)
_seq("self_harm", EN, "not", "go", "on", gap=1)
_seq(
    "self_harm",
    EN,
    "rather|prefer|wish|hope|hoping",
    "not|never",
    "wake|exist|here|alive|born|be",
    gap=2,
)

# Going to sleep and never waking, walking into the sea and not coming back.
_near(
    "self_harm",
    EN,
    "never|not|dont",
    "wake|waking|woke|come|coming|return*",
    "sleep|sea|river|lake|forever|walk*|drive|driving|away|disappear|drown*|leave",
    window=8,
    unless="baby|babys|feed*|alarm|labour|contraction*",
)
_near(
    "self_harm",
    EN,
    "razor|razors|blade|blades|scalpel",
    "arm|arms|wrist|wrists|thigh|thighs|legs|skin|myself",
    window=6,
)
_near("self_harm", EN, "cut*|slash*|slit*", "wrist|wrists", window=4)
_seq("self_harm", EN, "end", "it", gap=0, unless="pregnancy|relationship|marriage")
# Passive wishes and preparations: "nobody would notice if I was gone", "if I died",
# "written goodbye letters", "stockpiling tablets", "make it all stop".
_seq(
    "self_harm",
    EN,
    "if",
    "i",
    "was|were|wasnt|died|disappeared",
    "gone|here|dead|around|not",
    gap=1,
)
_seq("self_harm", EN, "if", "i", "died|disappeared|vanished", gap=1)
_seq("self_harm", EN, "nobody|noone|one", "would|will|even|wouldve", "notice|care|miss", gap=2)
_seq("self_harm", EN, "goodbye|suicide", "letter|letters|note|notes", gap=1)
_near(
    "self_harm",
    EN,
    "written|wrote|writing",
    "letters|letter",
    "kids|children|family|partner|husband|mum|goodbye|everyone|everybody|son|daughter|baby|boys|girls",
    window=6,
    # Letters to the baby in a journal or a memory box are a keepsake, not a goodbye.
    unless="journal|diary|keepsake|memory|memories|capsule|bump|scrapbook|book|birthday|santa|christmas|older|grows|grown|future|turns|18|eighteen|21|someday|one",
)
_near(
    "self_harm",
    EN,
    "stockpil*|hoard*|saving|stash*|collecting",
    "tablets|pills|painkillers|meds|medication",
    window=5,
)
_seq(
    "self_harm",
    EN,
    "everything|it|all",
    "to",
    "stop|end",
    gap=1,
    unless="pain|crying|sickness|nausea|contraction*|bleeding",
)
_seq(
    "self_harm",
    EN,
    "planning|planned|plan|plans|thinking|thought|worked",
    "how",
    "id|i|to",
    "do|end",
    "it",
    gap=1,
)

_one("self_harm", ES, "suicid*")
_seq("self_harm", ES, "dejar|deje", "de", "existir|vivir", gap=0)
_seq(
    "self_harm",
    ES,
    "=hacerme|=hacerse|=haciendome",
    "cortes|heridas|quemaduras",
    gap=1,
    unless="xitchscratchx|pica|picor|picazon|comezon|colestasis|sarpullido|ronchas",
)
_seq("self_harm", ES, "nadie", "notaria|echaria|extranaria|importaria|daria", gap=3)
_seq("self_harm", ES, "si", "me", "muero|muriera|fuera|desapareciera", gap=1)
_seq("self_harm", ES, "que", "todo", "acabe|termine|se acabe|pare", gap=2)
_near("self_harm", ES, "cartas|carta", "despedida|despedirme|hijos|familia", window=6)
_near(
    "self_harm",
    ES,
    "dormir|dormirme|irme|desaparecer|mar|rio",
    "despertar|volver|siempre|nunca",
    window=6,
    unless="bebe|toma|tomas|noche|noches",
)
_near(
    "self_harm",
    ES,
    "cuchilla|cuchillas|navaja|cuter|venas",
    "brazo|brazos|munecas|piernas|cortar*",
    window=6,
    unless="afeitar|afeitarme|depilar|depilarme|depilando|depilacion",
)
_seq("self_harm", ES, "quitarme|quitar", "de", "en", "medio", gap=0)
_seq("self_harm", ES, "quitar*|quitarme|acabar|terminar", "vida", gap=2)
_seq("self_harm", ES, "acabar|terminar|acabo", "todo", gap=2)
_seq("self_harm", ES, "quiero|quisiera|ganas|deseo|prefiero", "morir*|muert*|matar*", gap=2)
_one("self_harm", ES, "=morirme|=matarme|suicidarme")
_seq(
    "self_harm",
    ES,
    "no",
    "quiero|puedo",
    "vivir|seguir|estar|amanecer|despertar|despertarme|existir",
    gap=2,
)
_seq("self_harm", ES, "mejor", "sin", "mi", gap=2)
_seq("self_harm", ES, "mejor", "no", "despertar|existir|estar|vivir|haber", gap=2)
_seq("self_harm", ES, "si", "no", "estuviera|existiera|viviera|despertara", gap=2)
_seq("self_harm", ES, "desaparecer|desaparezco", "siempre|todo|mundo", gap=3)
_seq("self_harm", ES, "=hacerme|=hacerse", "dano", gap=1)
_one("self_harm", ES, "=cortarme|autolesion*|=lastimarme")
_seq(
    "self_harm",
    ES,
    "me",
    "corto|cortando|lastimo",
    gap=1,
    unless="cocinando|cocina|cuchillo|afeitando|depilando|papel|accidente|xaccidentx|querer|cebolla|dedo|pelo|flequillo|unas|latas|lata|cristal|vidrio",
)
_near(
    "self_harm",
    ES,
    "pastillas|pastilla|sobredosis",
    "todas|=tomarmelas|sobredosis",
    window=12,
    unless="hierro|vitaminas|vitamina|folico|prenatales|yodo|calcio",
)
_seq("self_harm", ES, "vida|vivir|nada|existir", "xsensex", gap=3)
_seq(
    "self_harm",
    ES,
    "no|ningun|ni",
    "xsensex",
    "nada|vida|vivir|seguir|existir",
    gap=3,
    unless="dando|haciendo|intentando|trabajando|pecho|lactancia|tomando|estudiando|buscando|esperando|tratamiento|yendo|pagando|comprando|con",
)
# "no le veo sentido a seguir", but not "a seguir dando el pecho".
_seq(
    "self_harm",
    ES,
    "sentido|xsensex",
    "nada|vida|vivir|seguir|existir",
    gap=2,
    unless="dando|haciendo|intentando|trabajando|pecho|lactancia|tomando|estudiando|buscando|esperando|tratamiento|yendo|pagando|comprando|con",
)
_seq("self_harm", ES, "tirarme", "puente|ventana|tren|vias|balcon|coche", gap=3)
# Actos ya hechos o en curso: "me tomé un blíster entero", "me tomé como 15 pastillas".
_TOO_MANY_ES = "todas|todos|todo|entero|entera|enteros|enteras|caja|cajas|blister|frasco|bote|monton|punado|xmanyx|muchas|muchos|tableta|tira"
_near(
    "self_harm",
    ES,
    "=tome|=tomado|=tomando|=tomarme|=trague|=tragado|=tragando|=tragarme|=meti|=bebi|=zampe",
    _TOO_MANY_ES,
    _MEDICINES,
    window=8,
    unless="accidente|equivocacion|error|xaccidentx|olvide|doble|dos|dia|diario|diaria|cada|receta|recetado|embarazo|lactancia",
)
_one("self_harm", ES, "sobredosis", unless="accidente|error|vitamina*|cafeina|puede|pueden|hay")
_seq(
    "self_harm",
    ES,
    "me",
    "haciendo|hago|hice|hecho|=hacerme|=hacer",
    "dano|=cortes|=heridas|quemaduras",
    gap=2,
    unless="cai|caida|caerme|accidente|xaccidentx|querer|rodilla|tobillo|espalda|cocinando|xitchscratchx|pica|picor|comezon|colestasis",
)
_near(
    "self_harm",
    ES,
    "cortado|cortando|corte|cortes|quemado|quemando|quemaduras|aranado|aranando|aranazos|golpeando|pegando|mordiendo",
    "brazo|brazos|pierna|piernas|muneca|munecas|muslo|muslos|piel|barriga|cara|cabeza",
    "xpurposex|otra|vez|siempre|sangra|sangrando|cuchilla|tijeras|mechero|cigarro|parar|ahora|profundo",
    window=10,
    unless="accidente|xaccidentx|querer|cocinando|cocina|cuchillo|picor|pica|sarpullido|afeitando|depilando|cai|caida|bebe|nino|nina",
)
# Planes y medios: "tengo guardadas pastillas", "ya sé cómo lo voy a hacer", "ahorcarme".
_near("self_harm", ES, "=juntando|=acumulando|=ahorrando|=almacenando", _MEDICINES, window=5)
_near(
    "self_harm",
    ES,
    "guardadas|guardado|guardados|guardando|escondidas|escondido|escondiendo|juntando|juntado|ahorrando|acumulando|reservando",
    _MEDICINES,
    # A stash, not the medicine cabinet: how many, hidden, for a day to come.
    "monton|xmanyx|muchas|muchos|todas|suficientes|secreto|escondidas|escondidos|dia|momento|=mas",
    window=8,
)
_one(
    "self_harm",
    ES,
    "=ahorcarme|=colgarme|=tirarme|=arrojarme|=envenenarme",
    unless="pedo|suelo|cama|sofa|piscina|agua|playa|mochila|bolso|fular|portabebe",
)
_seq(
    "self_harm",
    ES,
    "planeado|planeando|pensado|pensando|=se|=tengo",
    "como|donde|cuando",
    "lo|hacerlo",
    "voy|hare|haria|hacer|hacerlo|hago",
    gap=1,
    unless="parto|cesarea|baja|guarderia|lactancia|biberon|nombre|habitacion|cuna|trabajo|maleta|compra|epidural|pecho|mama|papeles|ropa",
)
# Lo que pregunta una valoración del riesgo: lo único que la frena, ninguna razón para seguir,
# despedidas hechas, estar en un lugar alto ahora, que parezca un accidente.
_seq(
    "self_harm",
    ES,
    "unico|unica",
    "que",
    "me",
    "frena|detiene|retiene|mantiene|para|sujeta|ata",
    gap=1,
)
_seq(
    "self_harm",
    ES,
    "no|ninguna|ningun|sin|ni",
    "razon|razones|motivo|motivos|ganas",
    "para|a|de",
    "seguir|vivir|viva|vivo|existir",
    gap=2,
    unless="dando|haciendo|intentando|trabajando|pecho|lactancia|tomando|embarazada",
)
_seq(
    "self_harm",
    ES,
    "no",
    "me",
    "queda",
    "nada|nadie",
    gap=1,
    unless="leche|dinero|paciencia|ropa|comida|tiempo",
)
_seq("self_harm", ES, "nada", "por", "lo", "que", "vivir", gap=0)
_near(
    "self_harm",
    ES,
    "despedi|despedido|despidiendo|despedirme|despida",
    "si|siempre|todos|todo|acaso|ultima",
    window=5,
    unless="parto|hospital|trabajo|vacaciones|aeropuerto|viaje|reunion|fiesta",
)
_seq(
    "self_harm",
    ES,
    "estoy|sentada|parada|subida|asomada",
    "en|al|sobre",
    "puente|azotea|vias|acantilado|presa|borde|tejado|cornisa",
    gap=2,
    unless="coche|paseo|vacaciones|vista|cruzando|atasco",
)
_seq("self_harm", ES, "parezca|pareciera|pareceria", "un|una", "accidente", gap=0)
_seq("self_harm", ES, "cuando", "ya|yo", "no", "este|estes|exista", gap=1)
# Deseos indirectos: "quiero desaparecer", "ojalá no despertar", "cansada de vivir".
_near(
    "self_harm",
    ES,
    "pienso|pensando|pensar|pensamientos|sueno|imagino|imaginando",
    "muerte|morir|morirme|matarme|suicidio",
    window=6,
    unless="parto|cesarea|bebe|cuna|operacion|anestesia|epidural|durante|marido|pareja|madre|padre",
)
_near(
    "self_harm",
    ES,
    "muerte|morir|morirme|muerta",
    "alivio|descanso|paz|descansar",
    window=6,
    unless="bebe|parto|cuna",
)
_seq(
    "self_harm",
    ES,
    "cabeza|voz|voces|mente",
    "dice|dicen|decia|pide|piden",
    "que",
    "tire|mate|muera|corte|desaparezca|haga",
    gap=2,
)
# "estarían mejor con otra mamá", "soy una carga", "solo estorbo", "todo preparado para irme".
_seq(
    "self_harm",
    ES,
    "estarian|estaria|seria|serian|vivirian|viviria",
    "mejor|mejores",
    "con|sin",
    "otra|otro|alguien",
    gap=2,
)
# Feeling a burden for asking for help with the house is not feeling one to live.
_seq(
    "self_harm",
    ES,
    "soy|yo|solo|siento",
    "=estorbo|=estorbando|=carga",
    gap=2,
    unless="pidiendo|pidiendole|pedir|pedirle|pido|ayuda|ayude|ayudar|ayudarme|casa|tareas|limpieza",
)
_seq(
    "self_harm",
    ES,
    "preparado|preparada|preparadas|listo|lista|decidido|decidida",
    "para",
    "irme|marcharme|acabar|terminar",
    gap=1,
    unless="hospital|parto|maternidad|casa|vacaciones|viaje|trabajo|bolsa|maleta|clinica|cesarea",
)
_seq(
    "self_harm",
    ES,
    "irme|ir|marcharme|dormirme|dormir|desaparecer",
    "para",
    "siempre",
    gap=1,
    unless="casa|pais|ciudad|vacaciones|bebe|trabajo|playa|viaje|espana|mexico|pueblo|vivir|noche",
)
_seq("self_harm", ES, "mejor", "muerta|muerto|morirme|muriera|morir|=matarme", gap=2)
_seq("self_harm", ES, "ojala|quisiera|deseo|desearia", "me", "muriera|muera|muero|=morirme", gap=2)
_seq("self_harm", ES, "no", "haber|hubiera|hubiese", "nacido|existido", gap=1)
_seq(
    "self_harm",
    ES,
    "quiero|quisiera|gustaria|ganas|deseo|necesito",
    "desaparecer|esfumarme|desvanecerme",
    gap=2,
    # "desaparecer un fin de semana con mi pareja": a break, not an end.
    unless="fin|finde|semana|dias|rato|horas|vacaciones|viaje|escapada|pareja|marido|novio",
)
_seq(
    "self_harm",
    ES,
    "ojala|rezo|pido|quisiera|quiero",
    "no",
    "despertar*|amanecer|estar|existir",
    gap=3,
)
_seq("self_harm", ES, "cansada|cansado|harta|harto|agotada", "de", "vivir|vida|existir", gap=1)
_seq(
    "self_harm", ES, "no", "aguanto|puedo|soporto", "mas", "vivir|vida|conmigo|existir|estar", gap=2
)
_seq("self_harm", ES, "carga", "para", "todos|todo|familia|mi|ellos|mis|marido|pareja", gap=2)
_seq(
    "self_harm",
    ES,
    "mejor",
    "si",
    "no|yo",
    "estuviera|existiera|viviera|estoy|existo|muero|muriera",
    gap=2,
)

# --- Violence or abuse at home -----------------------------------------------------
_PEOPLE_NOT_A_PARTNER = (
    "baby|babys|toddler|son|daughter|child|kid|kids|dog|cat|bump|"
    "bebe|hijo|hija|nino|nina|perro|gato|feto"
)
_seq(
    "violence",
    EN,
    "push*|shov*|hit|hits|hitting|punch*|kick*|slap*|chok*|strangl*|beat|beats|beating|grab*|"
    "threw|throw*|drag*|bit|attack*|rape*|hurts|hurt|strangled|smack*|thump*|slam*|pinn*|pin",
    "me",
    gap=0,
    unless=_PEOPLE_NOT_A_PARTNER,
    unless_before=3,
)
_near(
    "violence",
    EN,
    "partner|husband|boyfriend|fiance|ex|hubby|bf|he",
    "abus*|violent|threaten*|rape*|forced|controls|controlling|locks|locked|takes|won",
    window=8,
)
_near(
    "violence",
    EN,
    "scared|afraid|frightened|terrified|fear",
    "home|him|partner|husband|boyfriend",
    window=5,
)
_seq("violence", EN, "domestic", "abuse|violence", gap=0)
_one("violence", EN, "abusive")
_seq(
    "violence",
    ES,
    "me",
    "peg*|empuj*|golpe*|maltrat*|agarr*|amenaz*|ahorc*|estrangul*|forz*|viol*|jalone*|zarande*|"
    "tir*|patea*|cachete*|encierra|encerro",
    gap=1,
    unless=_PEOPLE_NOT_A_PARTNER,
    unless_before=3,
)
_seq(
    "violence",
    ES,
    "me",
    "dio|da|ha|dado",
    "punetazo|bofetada|patada|golpe|paliza|tortazo|empujon|cachetada|cachetadas|cachetazo|"
    "bofeton|guantazo|sopapo|golpiza|madrazo|chingadazo|trancazo|zape|cabezazo",
    gap=2,
    unless=_PEOPLE_NOT_A_PARTNER,
    unless_before=3,
)
_near("violence", ES, "miedo|asustada|aterrada", "casa|marido|pareja|novio", window=5)
_near(
    "violence",
    ES,
    "marido|pareja|novio|ex",
    "controla|amenaza*|encierra|quita|prohibe|celos*",
    window=8,
)
_seq("violence", ES, "violencia", "genero|machista|domestica", gap=1)
_one("violence", ES, "maltrato|maltratador|maltrata")
_seq("violence", ES, "malos", "tratos", gap=0)
_seq("violence", EN, "threw|thrown|throws|chucked|hurled|swung", "at", "me", gap=3)

# --- Fits -----------------------------------------------------------------------------
_one("fits", EN, "seizure|seizures|seizing|convuls*|fitting|foaming")
_seq("fits", EN, "a|had|having|another|epileptic", "fit|fits", gap=0)
_seq("fits", EN, "shak*|jerk*|twitch*", "all", "over", gap=2)
_seq("fits", EN, "not|stopped", "respond*|answer*", gap=2)
_one("fits", EN, "unresponsive")
_seq("fits", EN, "eyes", "rolled|rolling|roll", gap=2)
_near(
    "fits",
    EN,
    "shak*|jerk*|twitch*|convuls*",
    "body|limbs|arms|legs",
    window=4,
    unless="cold|baby|babys",
)
_near("fits", EN, "stiff|rigid", "shak*|jerk*|twitch*|fit|fitting", window=8)
_seq("fits", EN, "epileptic", "attack|episode|fit", gap=1)
_one("fits", ES, "convulsion|convulsiones|convulsionando|convulsiono|epileptico")
_seq("fits", ES, "tembl*|sacud*|convuls*", "entera|entero|cuerpo", gap=3)
_seq("fits", ES, "no", "respond*|reaccion*", gap=1)
_seq("fits", ES, "ataque|crisis", "epilep*|convuls*", gap=3)
_one("fits", ES, "convuls*")
_seq("fits", ES, "ojos", "blanco|atras|volteados", gap=2)
_near("fits", ES, "rigida|rigido|tiesa|tieso|=rigidas", "tembl*|sacud*|convuls*|ataque", window=8)

# --- Chest pain or breathlessness -------------------------------------------------------
_near(
    "chest_breathing",
    EN,
    "chest",
    "pain*|hurt*|tight*|crush*|pressur*|ache*|heavy|sharp|agony|elephant|weight|squeez*|stabbing",
    window=5,
    unless="heartburn|indigestion|breastfeed*|feeding",
)
_seq(
    "chest_breathing",
    EN,
    "not|struggl*|hard|difficult*|short|shortness|gasp*|fight*",
    "breath|breathe|breathing|air",
    gap=3,
    unless="walk*|stair*|stairs|climb*|exercis*|gym|run|running|hill|panic|anxiety|anxious",
)
_one(
    "chest_breathing",
    EN,
    "breathless|breathlessness",
    unless="walk*|stairs|climb*|exercis*|bit|little|slightly|abit",
)
_seq("chest_breathing", EN, "cough*", "blood", gap=2)
_seq("chest_breathing", EN, "lips", "blue", gap=2)
_near(
    "chest_breathing",
    ES,
    "pecho",
    "dolor|duel*|opresion|presion|aprieta|apret*|punzada*|cierra|cerrado|oprim*",
    window=5,
    unless="ardor|acidez|lactancia|amamant*",
)
_seq(
    "chest_breathing",
    ES,
    "falta|faltaba|falto",
    "aire|respiracion",
    gap=2,
    unless="escaler*|subir|andar|caminar",
)
_seq("chest_breathing", ES, "no", "puedo|podia|consigo", "respirar", gap=2)
_one("chest_breathing", ES, "ahogo|ahogando|ahogandome|asfixi*")
_seq("chest_breathing", ES, "dificultad", "respirar", gap=2)
_near(
    "chest_breathing",
    ES,
    "respiro|respirando|respiracion",
    "rapido|rapida|rapidisimo|agitada|entrecortada",
    window=4,
    unless="escaler*|subir|andar|caminar|ejercicio",
)
_seq(
    "chest_breathing",
    ES,
    "cuesta|costaba|costando",
    "respirar",
    gap=2,
    unless="escaler*|subir|andar|caminar",
)
_seq(
    "chest_breathing", EN, "catch|get", "my", "breath", gap=2, unless="stair*|walk*|climb*|exercis*"
)
_near("chest_breathing", EN, "arm|jaw", "numb|tingl*|dead", "chest", window=10)
_seq("chest_breathing", ES, "tos*", "sangre", gap=3)

# --- Fainting or collapse ------------------------------------------------------------------
# "I feel faint" is light-headedness; fainting is having fainted.
_one("fainting", EN, "=fainted|=fainting|=faints|collaps*|unconscious")
_seq(
    "fainting",
    EN,
    "i|she|to|keep|keeps|might|will",
    "faint",
    gap=1,
    unless="feel|feeling|felt|bit|sometimes",
)
_seq("fainting", EN, "pass|passed|passing|black|blacked|blacking|conk*", "out", gap=1)
_seq("fainting", EN, "came|come|coming", "round|to", gap=0)
_seq("fainting", EN, "lost|losing|lose", "consciousness", gap=1)
_seq(
    "fainting",
    EN,
    "went|goes|going|gone|go",
    "black|dark",
    gap=2,
    unless="screen|phone|tv|lights|power",
)
_near("fainting", EN, "woke|came|found", "floor|ground", window=6, unless="bed|sofa|couch|baby")
_one("fainting", ES, "desmay*|desvaneci*|inconsciente")
_seq(
    "fainting",
    ES,
    "perdi|perder|perdido|pierdo",
    "conocimiento|sentido|consciencia|conciencia",
    gap=2,
)
_seq("fainting", ES, "cai", "redonda", gap=1)
_seq("fainting", ES, "vi|veo|todo", "negro", gap=2)
_near("fainting", ES, "desperte|desperto|encontro", "suelo", window=6)

# --- Heavy or ongoing bleeding ---------------------------------------------------
_NOT_VAGINAL = "gum|gums|nose|nosebleed|nosebleeds|tooth|teeth|brush*|floss*|mouth|piles|haemorrhoid*|hemorrhoid*|nipple*|cut|finger|ear|eye|eyes|graze*|skin|xitchscratchx"
# Any bleeding from 24 weeks (placenta), and before that unless the reader says it is
# slight: light bleeding in early pregnancy is for the early pregnancy unit, not 999.
_MINIMISERS_EN = "little|bit|slight|slightly|light|tiny|speck*|smear|streak*|brown|pink|faint"
_BLEEDING_EN = "bleed|bleeding|bled|bleeds|haemorrhag*|hemorrhag*"
_one("bleeding", EN, _BLEEDING_EN, unless=_NOT_VAGINAL + "|" + _MINIMISERS_EN)
_one("bleeding", EN, _BLEEDING_EN, unless=_NOT_VAGINAL, weeks=(24, 44), needs_weeks=True)
_near(
    "bleeding",
    EN,
    "blood|bloody",
    "pour*|gush*|loads|lot|lots|much|heavy|heavily|soak*|clot*|running|leg|legs|everywhere|fresh|"
    "bright|red|pad|pads|toilet|pool|streaming|coming|tap|flood*|flow*|dripping",
    window=6,
    unless=_NOT_VAGINAL + "|test|tests|pressure|sugar|type|group|cough*",
)
_one("bleeding", EN, "clot|clots|clotting")
_near("bleeding", EN, "pad|pads|towel|towels", "soak*|fill*|through|hour|hourly|full", window=6)
# Word by word, not "sangr*": "sangre" alone can be a blood test ("análisis de sangre").
# Blood from the skin (a scratch, a cut finger) is not bleeding from the vagina.
_NOT_VAGINAL_ES = "analisis|analitica|prueba|azucar|glucosa|tension|grupo|encia|encias|nariz|diente*|cepill*|hemorroide*|pezon*|donar|transfusion|rascado|rascar|rasco|rascando|rascarme|dedo|dedos|herida|rodilla|codo|grano|granos|picadura|xitchscratchx"
_MINIMISERS_ES = (
    "poco|poquito|poquito|ligero|ligera|leve|levemente|marron|rosado|rosa|manchita|gotita"
)
_BLEEDING_ES = (
    "sangrado|sangrando|sangro|sangra|sangre|sangrar|sangrados|sangrada|sangraba|hemorragia"
)
_one("bleeding", ES, _BLEEDING_ES, unless=_NOT_VAGINAL_ES + "|" + _MINIMISERS_ES)
_one("bleeding", ES, _BLEEDING_ES, unless=_NOT_VAGINAL_ES, weeks=(24, 44), needs_weeks=True)
_one("bleeding", ES, "coagulo|coagulos")
_near("bleeding", ES, "compresa|compresas|toalla|toallas", "empap*|llen*|hora|traspas*", window=6)
_near("bleeding", ES, "manch*", "mucho|rojo|roja|abundante", window=4)

# --- Something coming down or out of the vagina -----------------------------------------------
_near(
    "prolapse",
    EN,
    "something|bulge|bulging|lump|ball|cord|insides|womb|everything|organs|bladder|uterus",
    "come|coming|came|hang*|fall*|poke|poking|stick*|protrud*|bulg*|push*",
    "out|down|between|vagina|below|entrance",
    window=6,
    unless="mouth|throat|anus|breast|armpit|neck",
)
_near(
    "prolapse",
    EN,
    "ball|lump|bulge|bulging|something",
    "vagina|vaginal|fanny|entrance",
    window=4,
    unless="discharge|itch*|smear|tampon",
)
_near(
    "prolapse",
    EN,
    "cord",
    "between|vagina|out|hanging|legs|see|feel|coming",
    window=5,
    unless="blood|bank*|clamp*|spinal|stump|care|cut|cutting",
)
_near(
    "prolapse",
    ES,
    "bulto|bola|algo|bolita|bultito|bolitas|pelota|pelotita|huevo|globo",
    "vagina|vaginal|entrada",
    window=4,
    unless="flujo|picor|pica|tampon",
)
_near(
    "prolapse",
    ES,
    "algo|bulto|bola|cordon|bolita|bultito|pelota|pelotita|huevo|globo|matriz|utero|vejiga",
    "sale|salir|sal*|cuelga|colg*|cae|caer|asoma*|baja",
    window=5,
    unless="flujo|liquido|pis|leche|calostro|moco*",
)

# --- Pre-eclampsia -----------------------------------------------------------------------------
_SEVERE_EN = (
    "worst|severe|bad|pound*|horribl*|horrend*|terribl*|awful|splitting|thumping|banging|blinding|"
    "unbearable|agony|excruciating|stonking|won|not|wont|constant|killing|killer|massive|"
    "intense|extreme|crazy|throbbing"
)
_near("pre_eclampsia", EN, "headache*|head|migrain*", _SEVERE_EN, window=5)
_one("pre_eclampsia", EN, "blurr*|blurry|flashing|flashes|sparkl*|zigzag*")
_near(
    "pre_eclampsia",
    EN,
    "spots|spot|stars|lights|floaters",
    "eye|eyes|vision|front|seeing|see",
    window=5,
)
_near(
    "pre_eclampsia",
    EN,
    "vision|eyes|eyesight|sight",
    "funny|weird|strange|double|lost|gone|blur*|fuzzy|dim",
    window=4,
)
_near(
    "pre_eclampsia",
    EN,
    "swell*|swollen|puff*|bloat*",
    "face|hand|hands|finger*|eyes|sudden*|overnight|rings",
    window=6,
    unless="goes|down|evening|ankles|feet|legs",
)
_near("pre_eclampsia", EN, "swell*|swollen|puff*", "face|hand|hands|finger*|eyes|sudden*", window=8)
_near(
    "pre_eclampsia",
    EN,
    "rib|ribs",
    "pain|ache|hurt*|sore|under|below",
    window=5,
    unless="kick*|feet|foot|baby",
)
_one("pre_eclampsia", EN, "xbphighx")
_seq("pre_eclampsia", EN, "rings|ring|shoes", "not|tight|fit", gap=3)
_near(
    "pre_eclampsia",
    ES,
    "cabeza|jaqueca|migrana*",
    "fuerte|peor|tremendo|terrible|horrible|insoportable|muchisimo|quita|pasa|va|intenso|brutal",
    window=5,
)
_one("pre_eclampsia", ES, "borros*|nublad*|puntitos|lucecitas|chispitas|destellos|lucesitas")
_seq(
    "pre_eclampsia",
    ES,
    "veo|viendo|ver",
    "luces|puntos|mal|doble|estrellas|manchas|moscas|estrellitas|lucecitas|puntitos|manchitas|destellos|chispas",
    gap=2,
)
_near(
    "pre_eclampsia",
    ES,
    "hinch*|inflam*",
    "cara|manos|mano|dedos|ojos|parpados|golpe|repente|sopeton",
    window=6,
)
_near(
    "pre_eclampsia",
    ES,
    "costilla|costillas",
    "dolor|duel*|molest*|debajo",
    window=5,
    unless="patad*|pate*|pies|pie|bebe|empuj*",
)
_one("pre_eclampsia", ES, "xbphighx")

# --- Severe abdominal pain ---------------------------------------------------------------------------
_PAIN_EN = "pain|pains|cramp|cramps|cramping|ache|stomach|tummy|abdomen|abdominal|belly|side|agony"
_near(
    "abdominal_pain",
    EN,
    _PAIN_EN,
    "severe|worst|bad|unbearable|excruciating|agony|agonising|extreme|terribl*|horrendous|intense|"
    "constant|stabbing|doubled|worse|worsening|screaming|crippling",
    window=5,
    unless="headache|head|migraine|back|leg|legs|teeth|tooth|period|heartburn|indigestion|reflux|chest",
)
_one("abdominal_pain", EN, "agony|doubled")
# Pain with feeling faint or dizzy in early pregnancy (ectopic).
_near(
    "abdominal_pain",
    EN,
    "pain|pains|cramp|cramps|cramping",
    "faint|dizzy|lightheaded|light",
    window=16,
    weeks=EARLY_PREGNANCY,
    needs_weeks=True,
    unless="head|headache|back",
)
_near(
    "abdominal_pain",
    EN,
    "tummy|stomach|belly|bump|abdomen|abdominal|womb",
    "crying|tears|screaming|sobbing",
    window=8,
)
_near(
    "abdominal_pain",
    EN,
    "pain|hurts|hurting|ache",
    "not|never",
    "ease|eases|easing|stop|stops|stopping|relax|relaxes|let",
    window=8,
    unless="head|headache|back|leg|legs|hip|pelvis",
)
_near("abdominal_pain", EN, "shoulder", "pain|tip|ache|hurt*", window=4)
_near(
    "abdominal_pain",
    EN,
    "side|sided|right|left",
    "pain|pains|hurt*|ache|stabbing|sharp",
    window=8,
    weeks=EARLY_PREGNANCY,
    needs_weeks=True,
    unless="stitch|walk*|running|run|exercis*|ligament",
)
_near("abdominal_pain", EN, "bump|tummy|belly|stomach|uterus|womb", "rock|rigid|solid", window=6)
_near(
    "abdominal_pain",
    EN,
    "pain|pains|hurts",
    "not|cannot|barely|unable|hardly",
    "stand|walk|move|straight",
    window=8,
    unless="hip|pelvis|pelvic|spd|groin|back|vagina|vaginal|leg|legs",
)
_near(
    "abdominal_pain",
    ES,
    "dolor|duele|duel*|retortij*|colico*|barriga|tripa|vientre|lado|pinchazo*",
    "fuerte|fuertisimo|intenso|insoportable|horrible|terrible|muchisimo|tremendo|peor|constante|punzante|"
    "atroz|brutal|retuerzo|retorciendo|empeora|mas",
    window=4,
    # An itching belly ("me pica muchísimo la barriga") is not pain.
    unless="cabeza|espalda|pierna*|muela*|regla|garganta|pecho|ingle|pica|picor|picazon|comezon|xitchscratchx",
)
_near("abdominal_pain", ES, "hombro", "dolor|duel*|punta", window=4)
_near(
    "abdominal_pain",
    ES,
    "lado",
    "dolor|duel*|punzante|pinchazo*",
    window=5,
    weeks=EARLY_PREGNANCY,
    needs_weeks=True,
    unless="caminar|correr|ligamento",
)
_near(
    "abdominal_pain",
    ES,
    "dolor|duele",
    "no",
    "caminar|andar|moverme|levantarme|enderezarme|pararme",
    window=8,
    unless="espalda|cadera|pubis|pelvis|ingle|pierna*",
)
_near(
    "abdominal_pain",
    ES,
    "barriga|tripa|vientre|utero",
    "piedra|dura|rigida|tabla",
    window=6,
    unless="xfreqx|cada|rato|ratos|contraccion*",
)

# --- Waters breaking or fluid leaking -------------------------------------------------------------------
_near(
    "waters",
    EN,
    "water|waters",
    "break|broke|broken|breaking|burst|bursting|pop*|leak*|rupture*|released|"
    "everywhere|gush*|pour*|floor|soaked|soaking|flood*",
    window=6,
    unless="drink*|drank|drunk|sip*|cup|bath|park|birth|pool|bottle|tap|glass|boil*|kettle",
    weeks=BEFORE_TERM,
)
_seq(
    "waters",
    EN,
    "=waters|membranes",
    "have|has|had|just|already|think|both|all",
    "gone|went|going|go",
    gap=2,
    weeks=BEFORE_TERM,
)
_seq("waters", EN, "=waters", "gone|went", gap=0, weeks=BEFORE_TERM)
# Coloured or smelly waters are urgent at any stage, at term too.
_near(
    "waters",
    EN,
    "waters|fluid|liquid",
    "green|greenish|brown|brownish|meconium|smell*|smelly|bloody|pink",
    window=8,
    unless="discharge|drink*|retention",
    weeks=(0, 44),
)
_near(
    "waters",
    ES,
    "aguas|liquido|fuente|bolsa",
    "verde|verdoso|verdosa|marron|oscuro|oscura|meconio|huele|olor|sangre",
    window=8,
    unless="flujo|beber|bebo|retencion",
    weeks=(0, 44),
)
_near(
    "waters",
    EN,
    "leak*|trickl*|gush*|pour*|running|run|drip*|dribbl*|loss|losing",
    "fluid|fluids|liquid|watery|water",
    window=5,
    unless="drink*|nose|nipple*|breast*|colostrum",
)
# A gush down the legs, dripping on the floor, with no word for the fluid.
_near(
    "waters",
    EN,
    "gush*|pour*|trickl*|drip*|dribbl*|flood*|puddle",
    "legs|leg|knickers|pants|underwear|trousers|leggings|floor|shoes|feet",
    window=6,
    unless="blood|bleed*|bled|period|sweat*|nose|wee|urine|pee|shower|bath",
    weeks=(0, 44),
)
_near(
    "waters",
    EN,
    "wet|soaked|soaking|damp|dampness|moist|drenched|sodden|dripping",
    "knickers|pants|underwear|liner|liners|pad|pads|trousers|leggings|bed|sheets",
    window=8,
    unless="sweat*",
)
_near(
    "waters",
    EN,
    "fluid|liquid",
    "leg|legs|knickers|pants|clear|constant|keeps|keep",
    window=5,
    unless="drink*|retention|ankles",
)
_seq("waters", EN, "rupture*|ruptured", "membrane*", gap=2)
_one("waters", EN, "pprom|prom")
_near(
    "waters",
    ES,
    "fuente|bolsa|aguas|agua|aguita",
    "romp*|rot*|revent*|salio|salido|fue|roto|rompi|perd*|sale",
    window=4,
    unless="beber|bebo|bano|banera|botella|vaso|grifo|piscina",
)
_near(
    "waters",
    ES,
    "perd*|sale|sal*|chorre*|gote*|moj*|escurr*|baja|bajando|cae|cayendo|escap*",
    "liquido|agua|aguita|aguas",
    window=5,
    unless="beber|bebo|retencion|nariz|ducha|grifo|lluvia|ojos|peso",
)
_near(
    "waters",
    ES,
    "moj*|empap*|humed*",
    "bragas|braga|salvaslip*|compresa*|ropa|pantalon*|cama|sabanas",
    window=5,
    unless="sudor|sudo",
)
_near(
    "waters",
    ES,
    "liquido|agua",
    "pierna|piernas|transparente|claro|verdoso|verdosa",
    window=5,
    unless="beber|bebo|retencion",
)
_seq("waters", ES, "romper|rompi|rompo|roto|rompio", "aguas|fuente|bolsa", gap=2)

# --- Baby moving less or not at all --------------------------------------------------------------------------
_seq(
    "movements",
    EN,
    "not|no|never|cannot|any|zero|nothing|stopped",
    "felt|feel|feeling|noticed|notice",
    "baby|kick|kicks|move|moves|moving|movement|movements|him|her|bump|anything|wriggl*",
    gap=3,
    weeks=MOVEMENTS_ESTABLISHED,
)
_seq(
    "movements",
    EN,
    "no|not|zero|nothing|any|hardly|barely",
    "movement*|moving|move|moved|kick|kicks|kicking|wriggl*",
    gap=2,
    weeks=MOVEMENTS_ESTABLISHED,
    unless="bowel|bowels|sleep",
)
_seq(
    "movements",
    EN,
    "baby|he|she|bub|babys|little",
    "not|stopped|hasnt",
    "mov*|kick*",
    gap=3,
    weeks=MOVEMENTS_ESTABLISHED,
)
_near(
    "movements",
    EN,
    "movement|movements|moving|move|moves|kicks|kicking|kick",
    "slow*|less|fewer|reduc*|weaker|weak|decreas*|stopped|quieter|quiet|down|changed|different",
    window=5,
    weeks=MOVEMENTS_ESTABLISHED,
    unless="rolls|bowel|ever|loads|plenty|active",
)
_near(
    "movements",
    EN,
    "baby|he|she|bub",
    "quiet|quieter|still|subdued|lazy|sleepy",
    window=6,
    weeks=MOVEMENTS_ESTABLISHED,
    unless="kicks|lot|loads|active|can|could|get|pregnant",
)
_near(
    "movements",
    EN,
    "normally|usually",
    "nothing|quiet|quieter|=barely|=hardly|still",
    window=12,
    weeks=MOVEMENTS_ESTABLISHED,
)
_near(
    "movements",
    EN,
    "not|cannot",
    "remember|recall",
    "move|moved|moving|kick|kicks|kicked|movement|movements|felt",
    window=8,
    weeks=MOVEMENTS_ESTABLISHED,
)
_seq(
    "movements",
    ES,
    "no|ni|nada|nunca|sin",
    "noto|noté|note|siento|senti|sentido|notado|sentir|notar",
    "bebe|patada*|movimiento*|mover*|muev*|nada|nene|nena",
    gap=3,
    weeks=MOVEMENTS_ESTABLISHED,
)
_seq(
    "movements",
    ES,
    "no|ni|nada|casi",
    "mov*|muev*|mueve|patada|patadas|pataditas",
    gap=3,
    weeks=MOVEMENTS_ESTABLISHED,
)
_near(
    "movements",
    ES,
    "mov*|muev*|mueve|patadas|pataditas",
    "menos|poco|flojo*|debil*|reduc*|=quieto|=quieta|=quietito|=quietita|tranquil*",
    window=6,
    weeks=MOVEMENTS_ESTABLISHED,
    unless="muchisimo|igual|siempre",
)
_seq(
    "movements", ES, "dejado|dejo|=paro|parado", "mover*|patear", gap=2, weeks=MOVEMENTS_ESTABLISHED
)
_seq("movements", ES, "ya", "no", "se", "mueve|movio|ha", gap=1, weeks=MOVEMENTS_ESTABLISHED)
_seq(
    "movements",
    ES,
    "no",
    "dado|da|dio|ha",
    "senales|senal|senas",
    gap=2,
    weeks=MOVEMENTS_ESTABLISHED,
    unless="parto|contracciones|labour|dilatacion",
)
_seq(
    "movements",
    ES,
    "ya",
    "no",
    "patea|patalea|patadas|pataditas",
    gap=1,
    weeks=MOVEMENTS_ESTABLISHED,
)
# "llevo toda la tarde sin notarlo", "sin sentir al bebé": the negation is part of it.
_seq(
    "movements",
    ES,
    "sin",
    "=notarlo|=notarla|=sentirlo|=sentirla|=notarle|=sentirle",
    gap=0,
    weeks=MOVEMENTS_ESTABLISHED,
)
_seq(
    "movements",
    ES,
    "sin",
    "notar|sentir",
    "bebe|nene|nena|movimiento*|patada*|pataditas",
    gap=2,
    weeks=MOVEMENTS_ESTABLISHED,
)
_near(
    "movements",
    ES,
    "bebe|nene|nena|bebo",
    "=quieto|=quieta|=quietito|=quietita|=tranquilo|=tranquila|=dormido|=dormida|=parado|=parada|=paradito|=paradita",
    window=4,
    weeks=MOVEMENTS_ESTABLISHED,
    unless="mucho|muchisimo|patea|patadas",
)
# "no lo he sentido", "casi no la noto": the pronoun is the baby.
_seq(
    "movements",
    ES,
    "no",
    "lo|la|le",
    "sentido|siento|senti|noto|note|notado|sentir|notar|movido",
    gap=2,
    weeks=MOVEMENTS_ESTABLISHED,
)
_near(
    "movements",
    ES,
    "normalmente|suele|normal",
    "nada|quieto|quieta|nadita|=parado|=parada",
    window=12,
    weeks=MOVEMENTS_ESTABLISHED,
)

# --- A fall or a blow to the bump -----------------------------------------------------------------------
_seq(
    "trauma",
    EN,
    "fell|fall|fallen|falling|slipped|slip|tripped|trip|tumbled",
    "down|over|onto|on|flat|off|stairs|hard",
    gap=2,
    unless="asleep|pregnant|apart|love|behind|bed|sofa|couch|settee|beanbag|cushion*",
)
_near(
    "trauma",
    EN,
    "landed|land|hit|banged|bashed|knocked",
    "bump|tummy|stomach|belly",
    window=5,
    unless="baby|babys|head|climb*|play|playing|cuddle*|cuddling",
)
_near(
    "trauma",
    EN,
    "kick*|punch*|elbow*|headbutt*|hit",
    "bump|tummy|stomach|belly",
    window=6,
    # A child's blow while climbing on her or playing is gentle; a hard kick is not.
    unless="baby|babys|feel|felt|feeling|movement*|counting|climb*|play|playing|cuddle*|cuddling",
)
_near(
    "trauma",
    EN,
    "jump*|jumped|landed|stamp*|trod|sat|fell|thrown",
    "bump|tummy|stomach|belly",
    window=5,
    unless="baby|babys|kick*|kicking",
)
_seq("trauma", EN, "car|road|traffic|motorway|bike", "crash|accident|collision|smash", gap=2)
_one("trauma", EN, "crash|crashed|collision")
_seq("trauma", EN, "rear", "end*", gap=1)
_seq("trauma", EN, "knocked|run|ran|hit|struck", "over|down|by", gap=1, unless="news|idea|tired")
_seq(
    "trauma",
    EN,
    "landed|fell|fallen|thrown",
    "on|onto",
    "front|stomach|face|bump|belly|tummy",
    gap=2,
)
_near("trauma", EN, "seatbelt|airbag", "bump|tummy|stomach|belly|across", window=6)
_one(
    "trauma",
    ES,
    "cai|caido|caida|caer|caerme|resbale|resbalon|tropece|tropezon",
    unless="pelo|cabello|bici|bicicleta|sofa|cama|sillon|cojin*|colchon",
)
_near(
    "trauma",
    ES,
    "golpe|golpeado|golpeo|golpee|patada",
    "barriga|tripa|vientre|tripita",
    window=5,
    unless="bebe|nene|nena|feto|jugamos|jugando|juega|jugar|juego|subirse|sube|trepa",
)
_seq("trauma", ES, "accidente", "trafico|coche|moto|bici|carretera|carro|auto|camion", gap=2)
_near("trauma", ES, "tiro|tiraron|tumbo|derribo|empujo|echo|cai|caigo|aviento", "suelo", window=5)
_near(
    "trauma",
    ES,
    "pegue|pego|golpee|golpeo|di",
    "barriga|vientre|golpe",
    window=5,
    unless="bebe|nene|nena|jugamos|jugando|juega|jugar|juego|subirse|sube|trepa",
)
_one("trauma", ES, "choque|choco|chocaron|chocado|atropell*")
_near("trauma", ES, "cinturon|airbag", "barriga|tripa|vientre|apreto", window=6)

# --- Possible preterm labour --------------------------------------------------------------------------------
_LABOUR_EN = (
    "contraction*|tighten*|tight|pain|pains|cramp*|hard|hardening|surge*|period|wave*|xwavex"
)
_near(
    "preterm_labour",
    EN,
    "xfreqx",
    _LABOUR_EN + "|every|come|comes|coming",
    window=20,
    weeks=PRETERM_LABOUR_WEEKS,
)
_near(
    "preterm_labour",
    EN,
    "pressure",
    "bottom|bum|rectum|passage|vagina|below",
    window=5,
    weeks=PRETERM_LABOUR_WEEKS,
)
_near(
    "preterm_labour",
    EN,
    "regular|regularly|xwavex|rhythmic*",
    _LABOUR_EN,
    window=6,
    weeks=PRETERM_LABOUR_WEEKS,
)
_near("preterm_labour", EN, "pressure", "push*|pushing", window=10, weeks=PRETERM_LABOUR_WEEKS)
_seq(
    "preterm_labour",
    EN,
    "need|needing|urge|want|wanting|like",
    "push|pushing|bear",
    gap=3,
    weeks=PRETERM_LABOUR_WEEKS,
)
_near(
    "preterm_labour",
    EN,
    "contraction|contractions|tightenings",
    "regular|closer|stronger|timing|timed|apart",
    window=8,
    weeks=PRETERM_LABOUR_WEEKS,
    needs_weeks=True,
)
_near(
    "preterm_labour",
    EN,
    "show|plug|mucus",
    "contraction*|cramp*|regular*|tighten*|pains",
    window=10,
    weeks=PRETERM_LABOUR_WEEKS,
)
_LABOUR_ES = "contraccion*|contracciones|dolor*|duele|dura|endurece|tensa|tripa|barriga|regla|calambre*|colico*|xwavex"
_near(
    "preterm_labour",
    ES,
    "xfreqx",
    _LABOUR_ES + "|vienen|viene",
    window=20,
    weeks=PRETERM_LABOUR_WEEKS,
)
_near(
    "preterm_labour",
    ES,
    "regular|regulares|ritmic*|xwavex",
    _LABOUR_ES,
    window=6,
    weeks=PRETERM_LABOUR_WEEKS,
)
_near(
    "preterm_labour",
    ES,
    "presion|empuj*",
    "empuj*|=abajo|=bajando|vagina|recto|salir",
    window=8,
    unless="baja|arterial|tension|sangre",
    weeks=PRETERM_LABOUR_WEEKS,
)
_one("preterm_labour", ES, "pujar|pujo|pujando|puje", weeks=PRETERM_LABOUR_WEEKS, needs_weeks=True)
_near(
    "preterm_labour",
    ES,
    "contraccion|contracciones",
    "regulares|seguidas|fuertes|cronometr*|minutos",
    window=8,
    weeks=PRETERM_LABOUR_WEEKS,
    needs_weeks=True,
)
_near(
    "preterm_labour",
    ES,
    "tapon|mucoso",
    "contraccion*|contracciones|dolor*|regular*",
    window=10,
    weeks=PRETERM_LABOUR_WEEKS,
)

# --- Fever or signs of infection -------------------------------------------------------------------------------
_one(
    "fever",
    EN,
    "fever|fevers|feverish|febrile|xtemphighx|rigors|sepsis|septic",
    unless="xtemplowx",
)
_seq("fever", EN, "high|=raised|a|got|running", "temperature|temp", gap=1, unless="xtemplowx")
_seq(
    "fever",
    EN,
    "temperature|temp",
    "high|=raised|up|spiking|spiked|xtemphighx",
    gap=2,
    unless="xtemplowx|normal",
)
_near("fever", EN, "breast|boob|boobs|nipple", "red|hot|burning|streak*", window=6)
_seq("fever", EN, "like|as|if", "have|got|had|with|the", "flu", gap=2)
_one("fever", EN, "flu-like|flulike", unless="vaccine|jab")
_seq("fever", EN, "burning|boiling", "up", gap=0)
_one("fever", EN, "shiver*|shivery|chills", unless="cold|weather|outside")
_near(
    "fever",
    EN,
    "smell*|smelly|stink*|whiff",
    "bad|awful|horribl*|foul|off|rotten|strong|funny",
    window=5,
)
_one("fever", EN, "pus|oozing|infected")
_near(
    "fever",
    EN,
    "wound|scar|incision|stitches|cut|tear",
    "red|hot|swollen|ooz*|open*|worse|angry|weep*",
    window=6,
)
_near("fever", EN, "kidney|kidneys|loin", "pain|ache|hurt*|sore", window=5)
_seq("fever", EN, "boiling|hot", "freezing|cold", gap=3)
_one(
    "fever",
    ES,
    "fiebre|calentura|febril|febricula|xtemphighx|escalofr*|tirit*|sepsis|supura*|pus|infectad*",
    unless="xtemplowx",
)
_seq("fever", ES, "mucha|alta|tengo", "temperatura", gap=1, unless="xtemplowx")
_seq("fever", ES, "temperatura", "alta|elevada|xtemphighx", gap=2, unless="xtemplowx|normal")
_near("fever", ES, "pecho|seno|senos|mama|pezon", "rojo|roja|caliente|ardiendo", window=6)
_seq("fever", ES, "como", "si", "tuviera", "gripe", gap=1)
_near("fever", ES, "huele|olor|apesta", "mal|fatal|fuerte|raro|horrible|podrido", window=5)
_near(
    "fever",
    ES,
    "herida|cicatriz|puntos|incision|desgarro",
    "roja|rojo|caliente|abierta|supura*|peor|hinchad*|inflamad*",
    window=6,
)
_near("fever", ES, "rinon|rinones|lumbar", "dolor|duel*|duele", window=5)


# Waters breaking or fluid leaking is an emergency before term; from 37 weeks it is
# labour starting, for the maternity unit's ordinary advice.
RULES = [
    replace(rule, weeks=BEFORE_TERM) if rule.category == "waters" and rule.weeks is None else rule
    for rule in RULES
]
