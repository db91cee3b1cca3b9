"""
Spotting personal details in a reader's question (and in a midwife's reply), so that
nobody's details are published by accident.

Detection flags; it never changes the text. A midwife removes each finding
("[removed]") or marks it as not personal data (a charity's helpline, a
nurse's public title), and only then can the question be approved (see
``comments.services``). Kinds, in English and Spanish:

- ``email``: addresses;
- ``phone``: UK (07700 900123, 020 7946 0958, (0161) 496 0734), Spanish (612 34 56
  78, 91 123 45 67) and international (+44, 0034, +52 …) numbers, with spaces,
  dashes or brackets. Organisations' numbers are not personal: freephone and
  non-geographic lines (0800, 0808, 03…, 084…, 900 …), the emergency and
  crisis numbers and any in ``settings.QUESTIONS_ALLOWED_CONTACTS``;
- ``nhs_number``: ten digits (3-3-4) with a valid NHS check digit, or after "NHS";
- ``hospital_number``: after "hospital number", "MRN", "historia clínica",
  "NHC", "tarjeta sanitaria" …, or a hospital-style code such as K4417823, or a
  run of seven or more digits;
- ``date_of_birth``: a full date after "born", "DOB", "date of birth", "nací",
  "fecha de nacimiento" … (a due date or a scan date is not one);
- ``postcode``: UK postcodes; Spanish ones after "CP" / "código postal" or before
  a town's name;
- ``address``: a house number and a street ("14 Elm Road", "calle Mayor 5, 3ºB"),
  or "I live on Station Road";
- ``name``: a full name introduced ("my name is …", "I'm Chloe Patel", "me
  llamo …", "soy …"), signed ("Thanks, Aisha Khan") or given for someone close
  ("my partner Tom Richardson", "mi marido, Javier Moreno").

Measured with ``manage.py personal_data_report`` on ``comments/data/personal_data.jsonl``.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

KIND_LABELS = {
    "email": _("email address"),
    "phone": _("phone number"),
    "nhs_number": _("NHS number"),
    "hospital_number": _("hospital, patient or ID number"),
    "date_of_birth": _("date of birth"),
    "postcode": _("postcode"),
    "address": _("street address"),
    "name": _("full name"),
}
KINDS = tuple(KIND_LABELS)
CONTACT_KINDS = ("email", "phone")

_UPPER = "A-ZÁÉÍÓÚÑÜ"
_LOWER = "a-záéíóúñüç"
# A capitalised name word: "Sarah", "O'Brien", "García", "Ana-Belén".
_NAME_WORD = (
    rf"(?:[{_UPPER}][{_LOWER}]*['’][{_UPPER}][{_LOWER}]+"
    rf"|[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?)"
)
_ANY_NAME_WORD = rf"[{_UPPER}{_LOWER}][{_LOWER}]+(?:['’-][{_UPPER}{_LOWER}][{_LOWER}]+)?"
_PARTICLE = r"(?:de|del|de la|de los|van|von|da|di|le|y|bin|al)"
_FULL_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,3}}"
_FULL_NAME_ANY_CASE = rf"{_ANY_NAME_WORD}(?:\s+{_ANY_NAME_WORD}){{1,2}}"
_NAME_ANY_CASE = rf"{_ANY_NAME_WORD}(?:\s+{_ANY_NAME_WORD}){{0,2}}"

# Words that start a sentence or describe rather than name ("I'm Not sure", "Soy Primeriza").
_NOT_NAME_WORDS = """
    a an the and or but so not no yes very really just still also in on at to from with for
    of by is am are was were be been being it its this that my your our his her their me i
    pregnant weeks week months baby first second third mum mom dad midwife nurse doctor dr
    worried scared sorry hi hello thanks thank please new due here there now today tomorrow
    on off ok okay fine well good bad feeling going having trying wondering looking asking
    monday tuesday wednesday thursday friday saturday sunday nhs royal hospital clinic
    el la los las un una y o de del en con por para que muy ya soy estoy tengo embarazada
    semanas primeriza hola gracias buenas buenos mama matrona enfermera doctora medico
    hospital clinica lunes martes miercoles jueves viernes sabado domingo
    and y but pero because porque as como since desde going sorry perdon lo
"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Addresses written to dodge filters: "kerry.j at gmail dot com", "tasha(at)bt.com",
# "pilar arroba gmail punto com". The last part must be a real ending (com, co.uk, es …)
# and, for a bare "at"/"arroba", the name must look like one (a dot, digit or
# underscore), or the reader must say it is an address and the provider be a known
# one: "I'm at work. uk" and "looking at gmail dot com" are nobody's address.
_TOP_LEVEL = r"(?:com|net|org|co|uk|es|mx|ar|cl|pe|ie|edu|gov|info|me|io|cat|eu|de|fr|us)"
_AT = (
    r"(?:\s*(?:\(\s*at\s*\)|\[\s*at\s*\]|\{\s*at\s*\}|\(\s*arroba\s*\))\s*"
    r"|\s+@\s+|\s+(?:at|arroba)\s+)"
)
_DOT = r"(?:\s*(?:\(\s*dot\s*\)|\[\s*dot\s*\]|\(\s*punto\s*\))\s*|\s+(?:dot|punto)\s+|\s?\.\s?)"
_OBFUSCATED_EMAIL = re.compile(
    r"(?<![\w.+-])(?P<local>[\w.+-]+)"
    + _AT
    + r"(?P<domain>[\w-]{1,63}(?:"
    + _DOT
    + r"[\w-]{1,63}){0,3}?)"
    + _DOT
    + _TOP_LEVEL
    + r"\b",
    re.IGNORECASE,
)
_EMAIL_CUE = re.compile(
    r"e-?mail|\bmail\b|correo|reach\s+me|contact\s+me|write\s+to|escr[ií]b|cont[aá]ct",
    re.IGNORECASE,
)
_KNOWN_PROVIDERS = re.compile(
    r"^(?:gmail|googlemail|hotmail|outlook|live|yahoo|icloud|me|aol|btinternet|sky|"
    r"virginmedia|protonmail|proton|msn|gmx|telefonica|movistar|prodigy|ymail)\b",
    re.IGNORECASE,
)

_PHONE = re.compile(r"(?<![\w+/.,:])(?:\+|00)?\(?\d[\d \t().\-]{6,20}\d(?![\w/]|[.,]\d)")
_ORGANISATION_PREFIXES = (
    # UK freephone and non-geographic numbers used by organisations, and short codes.
    "0800",
    "0808",
    "0300",
    "0303",
    "0330",
    "0333",
    "0343",
    "0344",
    "0345",
    "0370",
    "0371",
    "0843",
    "0844",
    "0845",
    "0870",
    "0871",
    # Spanish freephone and shared-cost lines.
    "900",
    "800",
    "901",
    "902",
)

_NHS_CONTEXT = re.compile(r"\bnhs\b", re.IGNORECASE)
_HOSPITAL_CONTEXT = re.compile(
    r"(?:hospital|patient|unit|case|hosp\.?)\s*(?:number|no\.?|num\.?|#|id)|\bmrn\b|\bcrn\b|"
    r"historia\s+cl[ií]nica|\bnhc\b|\bn\.?h\.?c\.?\b|tarjeta\s+sanitaria|\bcip\b|\bnuss\b|"
    r"n[úu]mero\s+de\s+(?:paciente|historia|afiliaci[óo]n|expediente|seguridad\s+social)|"
    r"\bexpediente\b|\bfolio\b|\bnss\b|\bcurp\b|\bdni\b|\bnie\b|\bnif\b|\bpasaporte\b|"
    r"\bpassport\b|\bnational\s+insurance\b|\bni\s+(?:number|no)\b|\bpatient\s+id\b",
    re.IGNORECASE,
)
# What follows "hospital number", "NHC" …: "is K4417823", ": 00987654", "es el 1234567".
_AFTER_CONTEXT = re.compile(
    r"[\s:#.\-]*(?:(?:is|es|was|era|n[º°o])\.?\s*)?[\s:#.\-]*(?:el\s+)?"
    r"(?P<code>(?=[A-Z0-9]*\d)[A-Z]{0,4}\d(?:[\-/ ]?\d){4,17}[A-Z]?"
    # A National Insurance number: "QQ 12 34 56 C".
    r"|[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D])"
    r"(?![\w/])",
    re.IGNORECASE,
)
_HOSPITAL_STYLE_CODE = re.compile(r"(?<![\w/])[A-Z]{1,4}\d{6,12}(?![\w/])")
# Spanish DNI and NIE: "12345678Z", "X1234567L".
_IDENTITY_NUMBER = re.compile(
    r"(?<![\w/])(?:\d{8}|[XYZ]\d{7})[A-Z](?![\w/])"
    # Mexican CURP: four letters, date, sex, state and consonants, two more.
    r"|(?<![\w/])[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z\d]\d(?![\w/])",
    re.IGNORECASE,
)
_LONG_DIGITS = re.compile(r"(?<![\w/.,])\d{7,}(?![\w/]|[.,]\d)")

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    r"noviembre|diciembre"
)
_DATE = (
    r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})\b"
    r"|(?:19|20)\d{2}[/.\-]\d{1,2}[/.\-]\d{1,2}\b"
    rf"|\d{{1,2}}(?:st|nd|rd|th|º)?\s*(?:of\s+|de\s+|[\-/.]\s*)?(?:{_MONTHS})\.?,?\s*(?:de(?:l)?\s+|[\-/.]\s*)?"
    r"(?:\d{4}|['’]?\d{2})\b"
    rf"|(?:{_MONTHS})\.?\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:\d{{4}}|['’]\d{{2}})\b"
)
_DATE_OF_BIRTH = re.compile(
    r"(?:\bborn\b(?:\s+on)?|\bd\.?\s?o\.?\s?b\.?|date\s+of\s+birth|birth\s*date|birthday(?:\s+is)?|"
    r"\bnac[ií](?:da|do)?\b(?:\s+el)?|fecha\s+de\s+nacimiento|fecha\s+de\s+nac\b\.?|"
    r"f\.?\s*(?:de\s+)?nac\.?|\bnacimiento|\bcumplea[ñn]os(?:\s+es)?|\bb-?day|birthday['’]s)"
    rf"[\s:,.\-]*(?:(?:is|es|el|un|on|was|era|the|mi|my)\s+){{0,3}}(?P<date>{_DATE})",
    re.IGNORECASE,
)

_UK_POSTCODE = re.compile(
    r"(?<![\w/])(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})(?![\w/])",
    re.IGNORECASE,
)
_SPANISH_POSTCODE = re.compile(
    r"(?:(?P<context>(?i:\bc\.?\s?p\.?|c[óo]digo\s+postal|cod\.?\s+postal))[\s:.]*(?:es\s+)?)?"
    rf"(?:(?<=[Pp])|(?<!\w))(?P<code>(?:0[1-9]|[1-4]\d|5[0-2])\d{{3}})\b(?P<town>\s+[{_UPPER}][{_LOWER}]+)?"
)

_STREET_TYPES = (
    r"road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|court|ct|place|pl|"
    r"grove|gardens|gdns|terrace|hill|park|square|sq|row|mews|view|walk|rise|parade|green|"
    r"boulevard|blvd|cottages|meadows?|chase|vale|gate|wharf|quay|heights|fields|croft|"
    r"approach|circus|embankment|crossing|grange|hollow"
)
_ENGLISH_ADDRESS = re.compile(
    r"(?:\b(?:flat|apartment|apt|unit)\s*\d+[a-z]?,?\s+)?"
    rf"\b\d{{1,4}}[a-z]?,?\s+(?:{_ANY_NAME_WORD}\s+){{1,3}}(?:{_STREET_TYPES})\b\.?",
    re.IGNORECASE,
)
_LIVE_ON_STREET = re.compile(
    r"\b(?:live|living|lives|staying|stay|moved)\s+(?:on|in|at|to)\s+"
    rf"(?P<street>(?:{_ANY_NAME_WORD}\s+){{1,3}}(?:Road|Street|Avenue|Lane|Close|Drive|Way|Crescent|"
    r"Court|Place|Grove|Gardens|Terrace|Square|Row|Mews|Walk|Rise|Parade))\b",
    re.IGNORECASE,
)
# Colombian and other grid addresses: "Calle 10 # 45-20", "Carrera 7 No. 32-16".
_GRID_ADDRESS = re.compile(
    r"\b(?:calle|cl\.?|cll\.?|carrera|cra\.?|kr\.?|avenida|av\.?|transversal|diagonal|tv\.?|dg\.?)"
    r"\s*\d{1,3}\s?[a-z]?\s*(?:#|n[º°o]\.?|n[úu]mero)\s*\d{1,3}\s?[a-z]?\s*-\s*\d{1,3}\b",
    re.IGNORECASE,
)
_SPANISH_ADDRESS = re.compile(
    r"\b(?:c/|c\.|calle|avda\.?|avenida|av\.|plaza|pza\.?|paseo|p[º°]|camino|carretera|ctra\.?|"
    r"ronda|traves[ií]a|glorieta|urbanizaci[óo]n|urb\.|calzada|callej[óo]n|privada|cerrada|"
    r"carrer|rua|jir[óo]n|pasaje)\s*"
    # A name may start with a date ("Calle 5 de Mayo"). Possessive (*+): "de la" words are
    # never given back to the name, so a run of them ("calle de de de …") cannot make the
    # pattern try every way of splitting it.
    r"(?:\d{1,2}\s+de\s+)?"
    rf"(?:(?:de|del|la|las|los|el)\s+)*+{_NAME_WORD}(?:\s+(?:(?:de|del|la|las|los|el)\s+)*+{_NAME_WORD}){{0,3}}"
    r",?\s*(?:n[º°o]\.?\s*|n[úu]mero\s+|num\.?\s+|#\s*)?\d{1,5}[a-z]?\b"
    r"(?:,?\s*\d{1,2}\s*[º°ª]\s*(?:[a-z]\b|izquierda|derecha|izda\.?|dcha\.?|izq\.?)?)?",
    re.IGNORECASE,
)

# The words that introduce a name are matched in any case, the name itself only
# capitalised: "I'm under the Princess Anne" introduces nobody.
_INTRODUCTIONS = re.compile(
    r"(?i:\b(?:i['’]?m|i\s+am|this\s+is|it['’]?s|soy|me\s+llamo|mi\s+nombre\s+es|"
    r"(?:my\s+)?details\s*:|mis\s+datos\s*:|datos\s*:|(?:full\s+)?name\s*:|nombre\s*:|"
    r"firmado\s*:?|signed\s*:?))\s+"
    rf"(?P<name>{_FULL_NAME})"
)
_MY_NAME_IS = re.compile(
    rf"\b(?:my\s+name\s+is|my\s+name['’]?s|my\s+names|me\s+llamo|mi\s+nombre\s+es|"
    r"i['’]?m\s+called|i\s+am\s+called|my\s+full\s+name\s+is|mi\s+nombre\s+completo\s+es)\s+"
    rf"(?P<name>{_NAME_ANY_CASE})",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"(?i:thanks|thank\s+you|many\s+thanks|thanks\s+so\s+much|cheers|regards|best\s+wishes|"
    r"love|kind\s+regards|gracias|muchas\s+gracias|gracias\s+de\s+antemano|un\s+saludo|saludos|"
    r"un\s+abrazo|besos|atentamente|cordialmente|saludos\s+cordiales|best|warm\s+regards|"
    r"x+|xx+)\s*[,.!:\-–—]?\s*\n?\s*"
    rf"(?P<name>{_FULL_NAME})\s*(?:\([^)]*\)\s*)?[.!]?\s*$"
)
# "Zoe Patterson here", "Lucía Gómez aquí".
_NAME_HERE = re.compile(rf"(?P<name>{_FULL_NAME})\s+(?:here|aqu[ií])\b")
# "my surname is Morales Ruiz", "mi apellido es Morales": one word is enough.
_SURNAME = re.compile(
    r"(?i:\b(?:my\s+(?:surname|last\s+name|family\s+name)\s+is|"
    r"mis?\s+apellidos?\s+(?:es|son))\s+)"
    rf"(?P<name>{_ANY_NAME_WORD}(?:\s+{_ANY_NAME_WORD})?)"
)
_DASH_SIGNATURE = re.compile(rf"\s[-–—]\s*(?P<name>{_FULL_NAME})\s*[.!]?\s*$")
_SOMEONE_CLOSE = re.compile(
    r"(?i:\bmy\s+(?:partner|husband|wife|boyfriend|girlfriend|fianc[ée]e?|son|daughter|mum|mother|"
    r"dad|father|sister|brother|midwife|consultant|doctor|gp|obstetrician)(?:['’]s\s+name\s+is|"
    r"\s+is\s+called|\s+is|,)?\s+(?:dr\.?\s+|mrs?\.?\s+|ms\.?\s+)?)"
    rf"(?P<name>{_FULL_NAME})"
    r"|(?i:\bmi\s+(?:marido|esposo|esposa|mujer|pareja|novio|novia|hijo|hija|madre|padre|hermana|"
    r"hermano|matrona|ginec[óo]log[oa]|m[ée]dic[oa]|doctora?)(?:\s+se\s+llama|\s+es|,)?\s+"
    r"(?:(?:el|la)\s+)?(?:dr[a]?\.?\s+)?)"
    rf"(?P<name2>{_FULL_NAME})"
)


@dataclass(frozen=True)
class Finding:
    """One personal detail found in a text: what kind, where, and the exact text."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self):
        return KIND_LABELS[self.kind]

    @property
    def key(self):
        """How a midwife's "not personal data" decision remembers this finding."""
        return f"{self.kind}:{self.text}"


def _digits(text):
    return re.sub(r"\D", "", text)


def _national(digits, raw):
    """The number as dialled at home: +44 7700 → 07700, 0034 612 → 612."""
    international = raw.lstrip("(").startswith(("+", "00"))
    if international:
        digits = digits[2:] if raw.lstrip("(").startswith("00") else digits
        if digits.startswith("44"):
            rest = digits[2:]
            return "0" + rest.removeprefix("0")
        if digits.startswith("34"):
            return digits[2:]
        return None  # another country: never an organisation we know of
    return digits


def allowed_numbers():
    """Digits of the numbers that are nobody's personal details (helplines, emergency)."""
    numbers = [
        settings.EMERGENCY_PHONE_NUMBER,
        getattr(settings, "QUESTIONS_CRISIS_LINE_NUMBER", ""),
        getattr(settings, "QUESTIONS_ABUSE_LINE_NUMBER", ""),
        getattr(settings, "QUESTIONS_HELPLINE_NUMBER", ""),
        *getattr(settings, "QUESTIONS_ALLOWED_CONTACTS", []),
    ]
    return {_digits(number) for number in numbers if len(_digits(number)) >= 3}


def allowed_emails():
    addresses = [
        getattr(settings, "QUESTIONS_HELPLINE_EMAIL", ""),
        *getattr(settings, "QUESTIONS_ALLOWED_CONTACTS", []),
    ]
    return {address.strip().casefold() for address in addresses if "@" in address}


def nhs_number_is_valid(digits):
    """The NHS number's modulus 11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True)
    )
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _context_before(text, start, pattern, reach=40):
    return bool(pattern.search(text[max(0, start - reach) : start]))


def _phone_or_number(text, match, allowed):
    """("phone" | "nhs_number" | None, stripped span) for a run of digits and separators."""
    raw = match.group().strip().rstrip(".-( ")
    digits = _digits(raw)
    if "\n" in raw or not 9 <= len(digits) <= 15:
        return None
    if digits in allowed:
        return None
    start = match.start() + match.group().index(raw[0])
    looks_like_nhs = len(digits) == 10 and not raw.lstrip("(").startswith(("0", "+"))
    if looks_like_nhs and (
        nhs_number_is_valid(digits) or _context_before(text, start, _NHS_CONTEXT)
    ):
        return "nhs_number", start, start + len(raw)
    national = _national(digits, raw)
    if national is not None:
        if national in allowed or national.startswith(_ORGANISATION_PREFIXES):
            return None
        # UK numbers have 10 or 11 digits with the 0; Mexican ones dialled with 01, 044
        # or 045 have 12 or 13.
        mexican = national.startswith(("01", "044", "045")) and len(national) in (12, 13)
        if national.startswith("0") and len(national) not in (10, 11) and not mexican:
            return None
    if _context_before(text, start, _HOSPITAL_CONTEXT, reach=30):
        return "hospital_number", start, start + len(raw)
    return "phone", start, start + len(raw)


def _candidates(text):
    """Every finding any detector makes, in priority order (earlier ones win overlaps)."""
    allowed_addresses = allowed_emails()
    for match in _EMAIL.finditer(text):
        if match.group().casefold() not in allowed_addresses:
            yield Finding("email", match.start(), match.end(), match.group())
    for match in _OBFUSCATED_EMAIL.finditer(text):
        bare = not re.search(r"[(\[{@]", match.group())
        looks_like_an_address = re.search(r"[._\d]", match.group("local"))
        announced = _EMAIL_CUE.search(text[max(0, match.start() - 30) : match.start()])
        known = _KNOWN_PROVIDERS.match(match.group("domain"))
        if bare and not (looks_like_an_address or (announced and known)):
            continue
        yield Finding("email", match.start(), match.end(), match.group())
    for match in _DATE_OF_BIRTH.finditer(text):
        yield Finding("date_of_birth", match.start("date"), match.end("date"), match.group("date"))
    for pattern in (_GRID_ADDRESS, _SPANISH_ADDRESS, _ENGLISH_ADDRESS):
        for match in pattern.finditer(text):
            found = match.group().rstrip(",. ")
            yield Finding("address", match.start(), match.start() + len(found), found)
    for match in _LIVE_ON_STREET.finditer(text):
        yield Finding("address", match.start("street"), match.end("street"), match.group("street"))
    for match in _HOSPITAL_CONTEXT.finditer(text):
        code = _AFTER_CONTEXT.match(text, match.end())
        if code:
            yield Finding(
                "hospital_number", code.start("code"), code.end("code"), code.group("code")
            )
    allowed = allowed_numbers()
    for match in _PHONE.finditer(text):
        result = _phone_or_number(text, match, allowed)
        if result is not None:
            kind, start, end = result
            yield Finding(kind, start, end, text[start:end])
    for match in _HOSPITAL_STYLE_CODE.finditer(text):
        yield Finding("hospital_number", match.start(), match.end(), match.group())
    for match in _IDENTITY_NUMBER.finditer(text):
        yield Finding("hospital_number", match.start(), match.end(), match.group())
    for match in _LONG_DIGITS.finditer(text):
        if _digits(match.group()) not in allowed:
            yield Finding("hospital_number", match.start(), match.end(), match.group())
    for match in _UK_POSTCODE.finditer(text):
        yield Finding("postcode", match.start(), match.end(), match.group())
    for match in _SPANISH_POSTCODE.finditer(text):
        if match.group("context") or match.group("town"):
            yield Finding("postcode", match.start("code"), match.end("code"), match.group("code"))
    # A surname given outright ("mi apellido es …") is a name on its own; a first name
    # alone ("me llamo Ana") identifies nobody.
    for pattern, least in (
        (_MY_NAME_IS, 2),
        (_SURNAME, 1),
        (_INTRODUCTIONS, 2),
        (_SIGN_OFF, 2),
        (_DASH_SIGNATURE, 2),
        (_NAME_HERE, 2),
        (_SOMEONE_CLOSE, 2),
    ):
        for match in pattern.finditer(text):
            group = "name" if match.groupdict().get("name") else "name2"
            name = _trim_name(match.group(group), least=least)
            if name:
                start = match.start(group)
                yield Finding("name", start, start + len(name), name)


def _trim_name(name, *, least=2):
    """The name without trailing words that are not names; None unless ``least`` words remain."""
    words = name.split()
    while words and words[-1].casefold().strip("'’") in _NOT_NAMES:
        words.pop()
    if len(words) < least or not words or words[0].casefold() in _NOT_NAMES:
        return None
    if any(word.casefold().endswith(("'s", "’s")) for word in words):
        return None
    return " ".join(words)


def find_personal_data(text, *, kinds=KINDS, dismissed=()):
    """
    Personal details in ``text``, in order of appearance, without overlaps.

    ``kinds`` limits the search (replies are screened for contact details
    only); ``dismissed`` holds the ``Finding.key`` of findings a midwife
    marked as not personal data.
    """
    text = text or ""
    findings = []
    dismissed = set(dismissed)
    for candidate in _candidates(text):
        if candidate.kind not in kinds or candidate.key in dismissed:
            continue
        if any(candidate.start < other.end and other.start < candidate.end for other in findings):
            continue
        findings.append(candidate)
    return sorted(findings, key=lambda finding: finding.start)


def has_personal_data(text):
    """True when ``text`` contains any kind of personal detail."""
    return bool(find_personal_data(text))
