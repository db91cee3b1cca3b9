# ruff: noqa: E501 -- the cues are data: one alternation of words per line reads best.
"""
The cue model for thoughts of suicide or self-harm, in English and Spanish.

The self-harm rules of ``comments.red_flags`` name phrases ("kill myself", "quiero
morir"); readers who are thinking of suicide rarely use them. What clinicians listen
for is a handful of *kinds* of cue (the questions of a suicide-risk assessment): death
or not existing, hopelessness, being a burden, a means or method, saying goodbye, a
plan, a time set, finality ("I'm done", "made my peace"), being with someone who died,
a death she grieves, secrecy, hurting herself, thoughts about it that keep coming back. One cue of
most kinds is said innocently every day ("the train journey", "letters to the baby",
"I can't take this heartburn"); two different kinds in one question seldom are.

So ``comments.triage`` flags self-harm when

- a **strong** cue appears (one that is hardly ever innocent when the reader says it
  of herself: "saving up my tablets", "cutting myself", "not wake up", "cansada de
  vivir"), or
- **two different kinds** of weaker cue appear in the same question, in different words
  ("died" is a loss; it is not also a wish to die).

The window is the whole question, not the sentence: readers write in fragments ("I
wrote letters to my kids. Tonight when he's at work."), a question is short (at most
2,000 characters), and showing the crisis line to someone who did not need it costs
little, while missing a reader who is thinking of suicide is the worst miss there is.

Each cue is a ``seq`` pattern like the rules of ``comments.red_flags`` (slots of words
in order, in one clause, with at most ``gap`` words between) and goes through the same
reading: folding, stemming, misspellings, synonyms, idioms ("dying to know", "me muero
de ganas" count for nothing), negation ("I don't want to die" is no death cue; a cue
that holds its own negation, "can't go on", is not negated again), ``unless`` words in
its clause ("cut myself chopping onions"), a sentence about the past that is not said
to be back ("years ago I cut myself"), and a clause about someone else ("my sister took
an overdose"): unlike the phrase rules, a cue counts only when the reader says it of
herself.
"""

from dataclasses import dataclass

# The kinds of cue, in the order the midwife's queue lists them, with the name it shows
# (stored with the question like the rest of the evidence, so plain words, not translated).
KINDS = {
    "self_injury": "hurting herself",
    "means": "means",
    "death": "death",
    "hopeless": "hopelessness",
    "burden": "burden",
    "farewell": "farewell",
    "plan": "plan",
    "time": "a time set",
    "finality": "finality",
    "reunion": "being with someone who died",
    "loss": "a death she grieves",
    "secrecy": "secrecy",
    "thoughts": "thoughts",
}

# Kinds said to or of someone else by nature (a goodbye to her mother, a burden on her
# husband, being with her daughter who died, "before leaving" after giving things to a
# friend): another person in the clause keeps them hers.
SAID_TO_OTHERS = frozenset({"farewell", "burden", "reunion", "loss", "secrecy", "finality"})
# A loss is past by nature ("murió el año pasado"): its time does not make it history.
TIMELESS = frozenset({"loss"})

# A wish said now ("I just want", "solo quiero", "ojalá"): its clause is about the present
# even in a sentence that also dates a loss ("la perdí hace dos meses").
WISH_WORDS = {
    "en": frozenset({"want", "wanna", "wish", "wishing", "long", "longing", "need"}),
    "es": frozenset({"quiero", "quisiera", "ojala", "necesito", "deseo", "anhelo"}),
}

EN, ES = "en", "es"

# The reader in a clause that also speaks of someone else: "I've had my husband's pills"
# is about her; "my sister took an overdose" (only "my") is not.
# Spanish leaves out the subject, so its first-person verbs count ("he guardado", "tengo").
SELF_WORDS = {
    "en": frozenset({"i", "im", "ive", "id", "me", "myself"}),
    "es": frozenset({"yo", "me", "conmigo", "he", "estoy", "tengo", "quiero", "voy", "puedo"}),
}


@dataclass(frozen=True)
class Cue:
    kind: str
    language: str
    slots: tuple
    gap: int = 2
    strong: bool = False
    unless: str = ""  # words that, in the clause, make it something else ("cut myself shaving")


CUES = []


def _weak(kind, language, *slots, gap=2, unless=""):
    CUES.append(Cue(kind, language, slots, gap, unless=unless))


def _strong(kind, language, *slots, gap=2, unless=""):
    CUES.append(Cue(kind, language, slots, gap, strong=True, unless=unless))


_PILLS_EN = "pills|pill|tablets|tablet|meds|medication|medicine|medicines|painkillers|paracetamol|ibuprofen|aspirin|sertraline|citalopram|fluoxetine|codeine|codamol|cocodamol|tramadol|diazepam|zopiclone|antidepressants|sleeping|propranolol|mirtazapine|pregabalin|quetiapine|morphine|oxycodone|gabapentin|amitriptyline|lorazepam|insulin"
_PILLS_ES = "pastillas|pastilla|pildoras|comprimidos|medicamentos|medicinas|calmantes|analgesicos|somniferos|paracetamol|ibuprofeno|antidepresivos|diazepam|lorazepam|tranquilizantes|ansioliticos|morfina|insulina|tramadol|nolotil|orfidal"
# Medicines kept safe from children are not medicines put aside.
_SAFE_KEEPING_EN = "children|kids|toddler|reach|cupboard|locked|lock|high|safe|safely"
_SAFE_KEEPING_ES = "ninos|niños|hijos|alcance|armario|llave|alto|seguro|seguras"
# Scratching an itch until it bleeds is an itch (cholestasis, eczema), not self-injury.
_ITCH_EN = "itch|itchy|itches|itching|itched|cholestasis|obstetric|rash|eczema|hives|psoriasis|dermatitis|prurigo"
_ITCH_ES = (
    "pica|picor|picazon|picaba|comezon|colestasis|sarpullido|ronchas|eczema|dermatitis|picaduras"
)
# Fears of dying in childbirth, or for the baby, are fears, not a wish to die.
_FEAR_OF_BIRTH_EN = "labour|labor|birth|childbirth|delivery|section|baby|babies|miscarriage|stillbirth|scared|afraid|fear|frightened|worried|worry|anxious|terrified"
_FEAR_OF_BIRTH_ES = "parto|cesarea|bebe|aborto|miedo|preocupa|preocupada|asusta|asustada|susto"
_ACCIDENT_EN = (
    "accident*|accidentally|fell|fall|falling|slipped|lifting|cooking|shaving|oven|iron|kettle|stove|chopping|opening|tin|knife|door|xaccidentx|"
    + _ITCH_EN
)
_ACCIDENT_ES = (
    "accidente|caerme|cai|caida|resbale|cocinando|querer|plancha|horno|cuchillo|puerta|xaccidentx|"
    + _ITCH_ES
)

# --- English ----------------------------------------------------------------------
# Death, dying, not existing, not waking up.
_weak("death", EN, "die|dying|dead|death|disappear*|vanish*", unless=_FEAR_OF_BIRTH_EN)
_weak("death", EN, "not|stop|stopped", "be|being|exist*", "here|around|anymore", gap=3)
_weak("death", EN, "wish|wished|wishing", "not|never", gap=2)
_weak("death", EN, "sleep", "forever|never", gap=1)
_strong("death", EN, "not|never", "wake|waking", "up", gap=1)
_strong("death", EN, "stop|stopped", "being|existing", "here|alive|around", gap=1)
_strong(
    "death",
    EN,
    "tired|sick",
    "of",
    "living|existing|life|alive",
    gap=2,
    unless="with|in|here|there|abroad|away",
)
_strong("death", EN, "end|ending", "it", gap=0)
_weak("death", EN, "all", "stop|over|end", gap=3)
_weak("death", EN, "at", "peace|rest", gap=1)
_weak("loss", EN, "funeral|heaven|grave")
_strong("death", EN, "better", "off", "dead|gone", gap=1)
_strong("death", EN, "not", "want", "alive|exist|existing", gap=4)
_strong(
    "death",
    EN,
    "want|wanna|wish|wishing",
    "disappear|vanish|gone|exist|existed",
    gap=3,
    unless="weekend|holiday|days|trip|break|partner|husband|boyfriend",
)
_weak("death", EN, "not", "mind|care", "if", gap=1)
_weak("death", EN, "never", "come|coming|wake|waking", "back|up", gap=1)
_weak("death", EN, "around|here", "much|for", "longer|long", gap=1)
# Hopelessness: no future, no point, cannot go on.
_weak("hopeless", EN, "hopeless|pointless|trapped|worthless|unbearable")
_weak("hopeless", EN, "no", "future|hope|point", gap=1)
_weak("hopeless", EN, "not", "see|picture|imagine", "future|point|way|end|anything", gap=3)
_weak("hopeless", EN, "not", "go|carry|keep|keeping|carrying", "on|going", gap=1)
_weak("hopeless", EN, "not", "do", "this|it", "anymore|more|any", gap=1)
_weak("hopeless", EN, "not", "cope|take|bear|stand", "anymore|more|this|it", gap=2)
_weak("hopeless", EN, "nothing", "left|matters|worth", gap=1)
_weak("hopeless", EN, "what|whats", "point", gap=2)
_weak("hopeless", EN, "no", "way", "out", gap=1)
_weak("hopeless", EN, "dark", "place|thoughts", gap=1)
_weak("hopeless", EN, "empty|failure|useless")
# Numb hands, feet or lips are carpal tunnel or circulation, not feeling nothing.
_weak(
    "hopeless",
    EN,
    "numb",
    unless="hand|hands|finger|fingers|feet|foot|toes|leg|legs|arm|arms|face|lip|lips|tingling|tingly|wrist|wrists|thigh|bum|tongue",
)
_weak("hopeless", EN, "hate", "myself|me", gap=1)
_weak(
    "hopeless",
    EN,
    "terrible|awful|useless|horrible|rubbish|bad",
    "mum|mother|mom|wife|person",
    gap=1,
)
_weak("hopeless", EN, "give|giving|gave", "up", "on", gap=0)
_strong(
    "hopeless",
    EN,
    "no|nothing|any",
    "reason|reasons",
    "to|for",
    "live|living|go|stay|carry|keep",
    gap=1,
)
_strong("hopeless", EN, "nothing|nobody|noone", "to", "live", gap=0)
_weak("hopeless", EN, "not", "want", "anymore|ever|again", gap=5)
# Being a burden; others better off without her.
_weak("burden", EN, "burden|nuisance")
_weak("burden", EN, "ruin|ruining|ruined", "their|his|her|everyones|everything", gap=2)
_weak("burden", EN, "deserve|deserves", "better", gap=2)
_weak("burden", EN, "nobody|noone", "cares|loves|wants|needs", gap=1)
_strong("burden", EN, "nobody|noone|one", "miss|notice|care", "me|if", gap=3)
_strong("burden", EN, "fine|better|happier|easier|lighter", "without", "me", gap=2)
_strong(
    "burden", EN, "everyone|everybody|family|they|them", "better|fine|easier", "off|without", gap=3
)
# Means and methods: tablets in quantity or put aside, rope, blade, a height, a train or
# a road, water.
_weak(
    "means",
    EN,
    "rope|noose|blade|blades|razor|razors|knife|knives|overdose|overdos*|cliff|roof|ledge|bridge|=tracks|motorway",
)
_weak(
    "means",
    EN,
    "jump|jumping|jumped|drown|drowning|hang|hanging|step|stepping|walk|walking|drive|driving|swerve",
    "off|into|under|front|from|myself",
    gap=2,
)
_weak("means", EN, "how", "many|much", _PILLS_EN, gap=2)
_weak("means", EN, "reservoir|river|canal|lake|quarry|railway")
# "exhaust" alone is no means: "exhausted" and "tired" read as the same word.
_weak("means", EN, "gun|ligature|poison|bleach|antifreeze|fumes|hosepipe")
_weak("means", EN, "train|bus|lorry|truck|car|traffic", "into|under|front", gap=2)
_weak("means", EN, "into|under|front", "train|bus|lorry|truck|traffic|sea|river", gap=3)
_weak("means", EN, "top", "floor|car", gap=1)
_weak("means", EN, "how", "easy", gap=1)
_weak("means", EN, "enough", _PILLS_EN, gap=3)
_weak("means", EN, "hit|run|knocked", "by|over", "car|bus|lorry|truck|train", gap=2)
_weak("means", EN, "hold|holding|held", "breath", gap=1)
_weak("means", EN, "under", "water", gap=1)
_strong(
    "means",
    EN,
    "half|most|whole|box|boxes|packet|packets|bottle|handful|strip|strips|stash|pile",
    "of",
    _PILLS_EN,
    gap=3,
)
_strong(
    "means",
    EN,
    "saving|saved|stockpil*|hoard*|collecting|collected|stash*|squirrel*",
    "up|aside|away|my|some|few|a|all|her|his",
    _PILLS_EN,
    gap=3,
)
_strong(
    "means",
    EN,
    "putting|put|setting|set|hiding|hid|keeping|kept",
    "aside|back|some|few",
    _PILLS_EN,
    gap=2,
    unless=_SAFE_KEEPING_EN,
)
_strong("means", EN, "how", "many|much", _PILLS_EN, "kill|fatal|lethal|die|enough", gap=4)
# Farewells: goodbyes, letters, giving things away, arrangements for after.
_weak("farewell", EN, "goodbye|goodbyes|farewell|letters|letter")
_weak("farewell", EN, "gave|given|giving|give", "away|my|her|his", gap=2)
_weak(
    "farewell",
    EN,
    "write|wrote|written|writing|made|making|update|updated",
    "will|note|notes",
    gap=2,
)
_weak("farewell", EN, "affairs|everything", "in", "order", gap=0)
_weak("farewell", EN, "sorry", "for", "everything", gap=0)
_weak("farewell", EN, "forgive", "me", gap=0)
_strong("farewell", EN, "said|saying|say", "my|our", "goodbyes|goodbye", gap=1)
_strong("farewell", EN, "when|after|once|if", "im|i", "gone|dead", gap=1)
_weak("farewell", EN, "when|after|once", "im|i", "not", "here|around", gap=2)
# Hurting herself. Cutting, harming, stabbing are hardly ever accidents said this way;
# "I hurt myself" or "I hit myself" often are ("lifting the shopping"), so they are weak.
_strong(
    "self_injury",
    EN,
    "scared|afraid|frightened|terrified",
    "what",
    "i",
    "might|could|will|would",
    "do",
    gap=1,
)
_strong("self_injury", EN, "not", "trust", "myself", gap=1)
_strong("self_injury", EN, "keep|keeping", "myself", "safe", gap=1)
_strong(
    "self_injury",
    EN,
    "cut|cutting|cuts|harm|harming|scratch*|punch*|stab*|pressing|dig|digging|carving",
    "myself",
    gap=2,
    unless=_ACCIDENT_EN,
)
_strong(
    "self_injury",
    EN,
    "cut|cutting|cuts|harm|harming|scratch*|punch*|stab*|pressing|dig|digging|carving|nails|blade|razor",
    "my|into",
    "arm|arms|skin|legs|wrist|wrists|thigh|thighs",
    gap=2,
    unless=_ACCIDENT_EN,
)
_weak(
    "self_injury",
    EN,
    "hurt|hurting|hit|hitting|burn|burning|bang*",
    "myself",
    gap=2,
    unless=_ACCIDENT_EN,
)
# A plan or a time.
_weak("plan", EN, "decided")
_weak("time", EN, "tonight")
_weak("plan", EN, "made|make", "mind", "up", gap=1)
_weak("plan", EN, "mind", "made", "up", gap=1)
_weak(
    "time",
    EN,
    "when",
    "he|hes|everyone|they|shes",
    "asleep|sleeping|work|out|away|nights|gone|leaves",
    gap=2,
)
_weak("time", EN, "on|at", "nights|work", "next|all|this", gap=2)
_weak("plan", EN, "do|doing", "it", gap=0)
_weak(
    "plan",
    EN,
    "know|worked|figured|looked|googled|searched|researched|researching",
    "how|where|up",
    gap=1,
)
_weak("time", EN, "this", "weekend", gap=0)
_weak("plan", EN, "method|methods")
# Thoughts that keep coming back.
_weak("thoughts", EN, "thoughts|thought|imagining|picturing", "about|of", gap=1)
_weak(
    "thoughts",
    EN,
    "keep|keeps|kept|not",
    "thinking|imagining|picturing|popping|coming|looking|staring",
    gap=1,
)
_weak("thoughts", EN, "popping|pops|intrusive|urge|urges|tempting|tempted")
_weak("thoughts", EN, "stop", "thinking", gap=1)
_weak("thoughts", EN, "would", "be", "easy|easier", gap=1)
_strong(
    "thoughts",
    EN,
    "thoughts|thought|urge|urges|thinking",
    "of|about",
    "cutting|hurting|harming|killing|ending|jumping|dying",
    gap=2,
    unless=_FEAR_OF_BIRTH_EN,
)

# Widened from how readers write it (issue 13e): entrapment, "nothing will get better",
# burden as relief, a lost baby, sleep without waking, places and ligatures, burning or
# hitting herself on purpose, thoughts she fears acting on, text-speak.
_weak(
    "hopeless",
    EN,
    "nothing|never",
    "get|getting|gets|going|change|changes",
    "better|change|easier",
    gap=3,
)
_weak("hopeless", EN, "stuck|trapped", "forever|inside|myself|life|head|way", gap=3)
_weak(
    "hopeless",
    EN,
    "no",
    "escape|exit|light|end",
    gap=1,
    unless="mortgage|debt|loan|contract|job|traffic|road|car|tunnel|nausea|sickness|heartburn|pain",
)
_weak("burden", EN, "deserve|deserves", "mum|mother|mom|wife|partner|someone", gap=4)
_weak(
    "burden",
    EN,
    "relieved|relief",
    "if|when|without",
    gap=3,
    unless="pain|baby|born|birth|labour|epidural|scan|results|over",
)
_strong(
    "burden",
    EN,
    "relieved|relief|easier|better",
    "if|once|when",
    "i|im",
    "gone|dead|not|wasnt",
    gap=3,
    unless="labour|birth|baby|epidural|scan|results|bed|home|hospital",
)
_strong("burden", EN, "cope|manage", "fine|better|okay|ok", "without", "me", gap=1)
_strong("death", EN, "sleep|asleep", "and|never", "not|never", "wake", gap=1)
_strong("death", EN, "disappear|disappearing|vanish|vanishing", "for", "good|ever", gap=0)
_strong(
    "death",
    EN,
    "join|joining",
    "my|our|her|him",
    "baby|babies|son|daughter|angel|angels",
    gap=1,
    unless="nicu|unit|ward|hospital|class|group|club",
)
_strong("death", EN, "with", "my|our", "baby|son|daughter|angel", "heaven|sky|stars", gap=3)
_weak(
    "death",
    EN,
    "be|with",
    "my|our",
    "baby|son|daughter|angel",
    "again",
    gap=1,
    unless="nicu|unit|ward|hospital|home|work|after|tomorrow|soon|discharged|shift",
)
_strong("death", EN, "unalive*|kms|kys|ctb|sewerslide|suicidal")
_strong(
    "death",
    EN,
    "top|topping|off|offing",
    "myself",
    gap=0,
    unless="up|iron|water|drink|credit|phone|tea",
)
_strong("death", EN, "do|doing", "myself", "in", gap=0)
_weak("means", EN, "multi|multistorey|multistory", "storey|story|level|car|roof", gap=2)
_weak(
    "means",
    EN,
    "top|roof|edge",
    "level|storey|floor|car",
    gap=2,
    unless="flat|apartment|lift|stairs|bunk|shelf|cupboard",
)
_weak("means", EN, "balcony|viaduct|overpass|flyover|platform")
_weak(
    "means",
    EN,
    "belt|cord|cable|scarf|rope|tie|lead",
    "neck|hang|banister|hook|beam|loft|wardrobe|use",
    gap=6,
    unless="seat|car|bump|maternity|support|tummy|belly|umbilical|cot|blind|blinds|pram|buggy|phone|charger",
)
_weak(
    "means",
    EN,
    "take|taking|swallow|swallowing|down",
    "all|everything|lot",
    _PILLS_EN,
    gap=3,
    unless="course|prescribed|daily|morning|breakfast|food|folic|vitamins|iron|antibiotics|every",
)
_weak(
    "means",
    EN,
    "bath|water",
    "under|drown|slip|head",
    gap=3,
    unless="baby|babys|birth|pool|labour|waters|temperature|thermometer",
)
_strong(
    "self_injury",
    EN,
    "burn|burning|burnt|burned|hit|hitting|hurt|hurting|scratch*|bang*|punch*|slap*|bite|biting|pinch*",
    "myself|my|me",
    "xpurposex|lighter|cigarette|cigarettes|fag|lighters|deliberately|punish",
    gap=5,
    unless="oven|iron|kettle|stove|accident*|xaccidentx|cooking|pan",
)
_strong("self_injury", EN, "do|did|doing", "it", "xpurposex", gap=1)
_strong(
    "thoughts",
    EN,
    "scared|afraid|frightened|terrified|worried|worry|fear",
    "act|acting",
    "on",
    "it|them|thoughts|urges|this|that",
    gap=3,
)
_strong(
    "thoughts",
    EN,
    "part",
    "of",
    "me",
    "wants|want|wanted",
    "die|end|do|hurt|disappear|gone|not",
    gap=2,
)
_weak("thoughts", EN, "part", "of", "me", "wants|want|wanted", gap=0)
_weak(
    "thoughts",
    EN,
    "keep|keeps|kept|find",
    "driving|walking|going|drawn|ending",
    "back|up|there|to",
    gap=2,
)
_weak(
    "time",
    EN,
    "tomorrow|weekend|tonight",
    "when|once|after",
    "he|hes|they|theyre|everyone|kids",
    gap=3,
)
_weak("farewell", EN, "gave|given|giving|give", "away", gap=3)
_weak(
    "farewell",
    EN,
    "jewellery|jewelry|things|stuff|belongings",
    "to|away",
    "sister|mum|brother|friend|her|him|them",
    gap=3,
    unless="baby|babys|clothes|pram|cot|bottles|charity|bag",
)
_strong("means", EN, _PILLS_EN, "lined|laid|counted|spread", "up|out", gap=2)
_weak("thoughts", EN, "wonder|wondering|wondered", "what|how", "feel|feels|like|be", gap=3)
_weak(
    "thoughts",
    EN,
    "look|looking|stare|staring|peer|peering",
    "down|over",
    gap=1,
    unless="baby|bump|feet|phone|throat|mirror",
)
_weak("thoughts", EN, "thinking|think|thought", "of|about", "ways|way", gap=1)
_weak("hopeless", EN, "im|i", "done", "with", "everything|it|life", gap=2)
_strong(
    "death",
    EN,
    "not",
    "see|imagine|picture",
    "myself",
    "here|alive|around|living",
    gap=3,
    unless="job|work|town|city|area|house|flat|country|hospital|career",
)

# Widened by kind (issue 13f). A time or an occasion set ("when he's on nights", "after
# the scan"), a time alone as a sentence ("Tonight."), finality ("I'm done", "made my
# peace", "won't be needing them"), being with someone who died ("hold my son again",
# "go where he is"), goodbyes written or recorded, things and pets given away, a stash put
# back, pills ready, being at a high place, hurting herself "again", no future "for me",
# not caring whether she survives.
_strong("time", EN, "xalonex")
_weak(
    "time",
    EN,
    "after|once",
    "the|my|his|her|dads|mums|friday|monday",
    "scan|funeral|appointment|wedding|christening|birthday|anniversary|results|inquest",
    gap=3,
)
_weak(
    "time",
    EN,
    "when",
    "he|hes|shes|they|theyre|everyone",
    "on",
    "nights|shift|earlies|lates|call",
    gap=1,
)
_weak(
    "finality",
    EN,
    "im|i|ive|am",
    "done",
    gap=1,
    unless="pregnant|pregnancy|being|nesting|packing|shopping|work|eating|cleaning|list|bag|feeding|pumping|breastfeeding|heartburn|sickness|nausea|waiting|dinner|decorating|nursery|washing",
)
_strong("finality", EN, "made", "my", "peace", gap=1)
_weak(
    "finality",
    EN,
    "not",
    "need|needing|use|using",
    "them|it|this|these|that|those|any",
    gap=3,
    unless="maternity|baby|bump|pregnancy|birth|born|after|epidural|pump|cot|pram|bottles|formula|more|longer|vitamins|folic",
)
_weak(
    "finality",
    EN,
    "not",
    "be",
    "taking|coming|getting|having|needing",
    "back|him|her|it|them",
    gap=2,
    unless="work|job|office|leave|maternity|class|group|gym|course|hospital|unit|clinic",
)
_weak(
    "finality",
    EN,
    "its|it",
    "going|gonna|will|ll",
    "be",
    "when|after|tonight|tomorrow",
    gap=2,
    unless="labour|birth|baby|born|due|induction|section|scan|appointment|contractions|nursery",
)
_weak("plan", EN, "house|home|flat|place", "will|ll|be", "quiet|empty", gap=2)
_weak(
    "plan",
    EN,
    "stood|standing|stand|sat|sitting|stopped|parked|went|drove|walked|go|going|been",
    "on|at|by|to|onto|up",
    "the|a|that|this",
    "bridge|edge|ledge|cliff|tracks|railway|roof|viaduct|overpass|flyover",
    gap=2,
    unless="view|fireworks|photo|photos|picture|pictures|holiday|boat|cruise|tour|sightseeing|sunset|wedding|bed|sofa|bath|pool|table|chair|seat|kerb|curb|=walk|park|national|hike|hiking|trail",
)
_weak(
    "reunion",
    EN,
    "want|wanna|wish|need|long|longing|just",
    "be|go|hold|see|join|cuddle|kiss",
    "with|where|my|her|him",
    "baby|son|daughter|girl|boy|angel|he|she|him|her|little|mum|mom|dad|nan|nana|grandma|gran",
    gap=2,
)
_weak(
    "loss",
    EN,
    "angels|angel",
    unless="delight|little|cake|costume|wings|tree|christmas|nativity|food",
)
_strong(
    "burden",
    EN,
    "fine|better|happier|easier|lighter|freer|free|safer|calmer",
    "without",
    "me",
    gap=2,
)
_weak(
    "burden",
    EN,
    "kids|children|baby|babies|he|she|they|family|everyone|hed|theyd|shed",
    "fine|better|happier|safer|okay|ok",
    "with",
    "their|his|her|dad|father|daddy|someone|another|other",
    gap=2,
    unless="hospital|labour|birth|while|weekend|night|nights|induction|shift|appointment|grandparents|nursery|childminder|bath|bottle|formula|feed",
)
_weak("burden", EN, "weight", "round|around|on", "necks|neck|shoulders", gap=2)
_weak(
    "burden",
    EN,
    "dragging|drag|drags|holding",
    "him|them|everyone|her|us|family",
    "down|back",
    gap=1,
)
_strong(
    "farewell",
    EN,
    "write|wrote|written|writing|sent|send|left|leaving|recorded|recording|made",
    "my|a|our|them|him|her",
    "goodbye|goodbyes|farewell",
    gap=2,
)
_strong(
    "farewell",
    EN,
    "letter|letters|note|notes|message|messages|video|videos",
    "for|to",
    "each|every|my|the",
    "kids|children|boys|girls|son|daughter|husband|partner|family|everyone|mum|dad|of",
    gap=3,
    unless="baby|babys|bump|journal|diary|keepsake|memory|capsule|school|nursery|teacher|work|boss|hospital|midwife|gp|council|christmas|santa|birthday|thank|thanks|birth|plan|complaint",
)
_strong(
    "farewell",
    EN,
    "giving|gave|given|give|gone",
    "my|all|most",
    "things|stuff|belongings|possessions|jewellery|jewelry|clothes|ring|rings|coat|books|records",
    "away",
    gap=2,
    unless="baby|babys|maternity|charity|outgrown|declutter|decluttering|nesting|sell|selling|room|nursery|space",
)
_weak(
    "farewell",
    EN,
    "gave|given|giving|rehome|rehomed|rehoming",
    "dog|cat|pet|pets|dogs|cats|away",
    gap=3,
)
_weak("farewell", EN, "who", "gets|get|has|have|keeps", "what", gap=0)
_weak(
    "finality",
    EN,
    "be|is|its",
    "the",
    "time|moment|chance|night|day",
    gap=0,
    unless="best|right|good|perfect|ideal|birth|labour|born|scan|appointment|induction|visit|shopping|travel|holiday|due|party|fun|busiest|worst|hardest",
)
_weak(
    "finality",
    EN,
    "before",
    "leaving|going|i|im",
    "go|gone",
    gap=1,
    unless="hospital|labour|holiday|work|maternity|home|house|birth|induction|section",
)
_weak(
    "finality",
    EN,
    "before",
    "leaving",
    gap=0,
    unless="hospital|labour|holiday|work|maternity|home|house|birth|induction|section",
)
_strong(
    "farewell",
    EN,
    "gave|given|giving|give|left|leaving",
    "my|her|his|their",
    "jewellery|jewelry|ring|rings|watch|necklace|coat|car|guitar|books|records|things|stuff|belongings|possessions|savings",
    gap=3,
    unless="baby|babys|maternity|charity|outgrown|old|declutter|decluttering|nesting|sell|selling|room|nursery|space|borrow|lend|lent|fix|repair",
)
_strong(
    "means",
    EN,
    _PILLS_EN,
    "ready|prepared",
    gap=2,
    unless="bag|hospital|labour|birth|morning|breakfast|holiday|trip|organiser|organizer|dispenser|school",
)
_strong(
    "means",
    EN,
    "keeping|kept|keep|holding|held|saving|saved|putting|put|hiding|hid|skipping|skipped",
    "back|aside|away|by",
    _PILLS_EN,
    gap=5,
    unless=_SAFE_KEEPING_EN,
)
_strong(
    "means",
    EN,
    "how",
    "many|much",
    _PILLS_EN,
    "it|would|takes",
    "would|take|takes",
    gap=3,
    unless="day|daily|safe|can|dose|maximum|max|headache|pain|work|kick",
)
_strong(
    "self_injury",
    EN,
    "cut|cutting|burnt|burned|burning|harmed|harming|relapsed|scratched|scratching",
    "again",
    gap=1,
    unless=_ACCIDENT_EN
    + "|toast|dinner|food|tongue|mouth|finger|fingers|hand|hands|thumb|hair|fringe|nails|grass|onions|onion|bread|cake|chicken",
)
_strong(
    "hopeless",
    EN,
    "not|no",
    "see|seeing|picture|imagine|have|got",
    "future",
    "for",
    "me|myself",
    gap=3,
    unless="partner|us|relationship|job|career|work|town|city|here|country",
)
_strong(
    "hopeless",
    EN,
    "no",
    "future",
    "for",
    "me",
    gap=1,
    unless="partner|us|relationship|job|career|work|town|city|here|country",
)
_strong(
    "death",
    EN,
    "not",
    "care|mind|bothered",
    "if|whether",
    "i|im",
    "make|survive|live|die|wake|come|get|see",
    gap=2,
    unless="labour|work|weight|fat|look|pretty|late",
)

# Round 2 of issue 13f, by kind: a death she grieves (with a wish to be with that person,
# or any other cue), secrecy ("nobody knows", "she doesn't know why"), not being here for
# a coming event, waiting to die, not opening her eyes, everything quiet forever, a car
# with the engine running in a garage, counting her tablets, watching trains, self-injury
# named as what helps, "the rest of my life" as unbearable, a better life with someone
# else, "can't be arsed with living", apologies to everyone she has hurt.
_weak(
    "loss",
    EN,
    "stillborn|stillbirth|=died|=passed|miscarried|=lost|funeral|buried",
    unless="battery|phone|weight|keys|job|plug|appetite|mucus|signal|temper|track|exam|test|driving|out|urine|wind|clot|clots|time|wee|water|waters|stool",
)
_weak(
    "reunion",
    EN,
    "follow|join|joining",
    "him|her|them|my",
    gap=1,
    unless="instagram|group|class|page|account|club|nct|instructions|advice|plan|guidance",
)
_weak(
    "secrecy",
    EN,
    "nobody|noone|one",
    "knows|know|knew",
    gap=1,
    unless="pregnant|pregnancy|yet|baby|gender|sex|name|announce*|surprise|scan|due",
)
_weak("secrecy", EN, "not", "know", "why", gap=1)
_weak("secrecy", EN, "without", "telling|anyone|them|him|her", "anyone|knowing|noticing", gap=1)
_strong(
    "death",
    EN,
    "not",
    "be",
    "here|around|alive",
    "for|to|when",
    gap=3,
    unless="work|office|home|holiday|away|weekend|trip|visit|abroad|wedding|shift|conference|course|nights|christmas",
)
_strong(
    "death",
    EN,
    "waiting|wait|ready|want|wanting|longing",
    "to",
    "die",
    gap=1,
    unless=_FEAR_OF_BIRTH_EN + "|give|meet|find|know|hear|see|hold|go",
)
_strong("death", EN, "not|never", "open", "my|me", "eyes", gap=1)
_strong(
    "death",
    EN,
    "everything|all|it",
    "go|be|stay|stop",
    "quiet|dark|still|silent|black",
    "forever|good|ever",
    gap=2,
)
_weak(
    "death",
    EN,
    "forever|permanently",
    unless="pregnant|pregnancy|baby|heartburn|nausea|sickness|labour|waiting|tired|love|grateful|thankful|remember|cherish|friend|friends|home|house|family|together",
)
_strong(
    "means",
    EN,
    "garage|closed",
    "engine|exhaust|fumes|running",
    gap=6,
    unless="mechanic|service|mot|repair|fixed|fix|cold|morning|warm",
)
_strong("means", EN, "engine", "running", "garage", gap=6)
_strong(
    "means",
    EN,
    "counted|counting|count|counts",
    _PILLS_EN,
    gap=4,
    unless="kick|kicks|movements|calories|days|weeks|contractions|breaths",
)
_weak(
    "means",
    EN,
    _PILLS_EN,
    "enough|loads|plenty|hundreds",
    gap=6,
    unless="milk|sleep|food|iron|folic|vitamins|water|rest|pain|relief|help",
)
_weak(
    "means",
    EN,
    "watching|watch|watched|staring|stare",
    "trains|train|traffic|lorries|cars|water|river",
    gap=3,
    unless="baby|kids|toddler|son|daughter|tv|film|movie|toy|set",
)
_weak("means", EN, "fast|express", "trains|train", gap=0)
_strong(
    "self_injury",
    EN,
    "cutting|burning|scratching|hitting|hurting|harming|biting|bruising",
    "only|helps|works|release|relief|calms|numbs",
    gap=4,
    unless=_ACCIDENT_EN
    + "|out|down|back|sugar|caffeine|carbs|dairy|gluten|hair|fringe|nails|cream|grass|onions|toast|fan|breeze|hips|pelvis|feet|boobs|nipples|stitches|scar",
)
_strong(
    "self_injury",
    EN,
    "did|done|doing|do",
    "my",
    "thighs|arms|wrists|legs|stomach",
    "again|tonight|xpurposex|deeper",
    gap=1,
    unless="shave|shaved|shaving|wax|waxed|waxing|tan|fake|cream|nails|stretches|exercises|moisturise*|moisturize*|massage",
)
_strong(
    "hopeless",
    EN,
    "no",
    "way",
    "doing|living|going|do|live|cope|last|survive",
    "another|rest|years|life|decades",
    gap=3,
    unless="job|work|mortgage|commute|nausea|sickness|heartburn|pregnancy|pregnant|nappies|nights",
)
_weak(
    "hopeless",
    EN,
    "rest",
    "of",
    "my",
    "life",
    gap=0,
    unless="love|partner|husband|grateful|remember|cherish|happy",
)
_strong(
    "burden",
    EN,
    "better|happier|easier|safer",
    "life|lives|off",
    "with",
    "my|someone|another|other|their|his|her|a",
    gap=1,
    unless="nursery|childminder|grandparents|formula|bottle|sleep|routine|dummy|two|both|parents|sibling|brother",
)
_strong(
    "burden",
    EN,
    "world|everyone|everybody|earth",
    "better|happier|easier",
    "without",
    "me|you",
    gap=3,
)
_weak(
    "burden",
    EN,
    "drain|weight|liability|dead",
    "on|for|to",
    "everyone|everybody|them|him|family|people|others",
    gap=1,
    unless="weight|gain|gained|baby",
)
_weak(
    "burden",
    EN,
    "theyd|hed|shed|everyone|they|he|she|wed",
    "breathe|sleep|live|manage|cope",
    "easier|better|freely|fine",
    gap=2,
    unless="labour|birth|baby|nursery|holiday|induction",
)
_strong(
    "death", EN, "arsed|bothered|fussed", "with|about", "living|life|existing|alive|being", gap=1
)
_strong(
    "death",
    EN,
    "not",
    "be",
    "arsed|bothered|fussed",
    "with|about",
    "living|life|existing|alive|being",
    gap=1,
)
_strong(
    "farewell",
    EN,
    "apologi*|sorry",
    "to",
    "everyone|everybody|people|all",
    "i|ive|id",
    "hurt|wronged|upset|let",
    gap=2,
)
_weak(
    "farewell", EN, "loose", "ends", gap=0, unless="work|office|job|leave|maternity|handover|emails"
)
_weak(
    "plan",
    EN,
    "all|its|everything",
    "planned|arranged|sorted|organised|organized",
    gap=1,
    unless="shower|party|birthday|christening|induction|section|birth|holiday|trip|nursery|bag|wedding|names|name|gender|reveal",
)
_weak(
    "time",
    EN,
    "when",
    "mum|mom|dad|husband|partner|hubby|everyone|they|he|she|kids",
    "takes|goes|leaves|asleep|out|away|sleeping|nights",
    gap=3,
)

# Round 3 of issue 13f, by kind (tuned on triage_fresh14): asking for a method, making it
# look like an accident, no fear of death, rope kept somewhere, a danger to herself, a
# ligature tied, planning her own funeral, head against a wall, "like I was never here",
# not coming back, arrangements "if anything happens to me", a promise to look after them.
_strong(
    "plan",
    EN,
    "least|less|most",
    "painful|pain",
    "way|method",
    gap=1,
    unless="birth|labour|deliver|delivery|epidural|induction|wax|waxing|remove|removal|pierce|piercing|jab|injection|stitches|catheter|sweep|bloods|blood|smear|coil|breastfeed|breastfeeding|contractions",
)
_strong(
    "plan",
    EN,
    "quickest|easiest|surest|painless",
    "way|method",
    gap=1,
    unless="birth|labour|deliver|epidural|induction|home|hospital|get|lose|weight|travel|feed|sleep|settle|clean|sterilise|learn|book|register|contact|reach",
)
_strong("plan", EN, "make|making|made", "it", "look|seem", "like|an", "accident", gap=1)
_strong(
    "death",
    EN,
    "not",
    "scared|afraid|frightened|worried",
    "of",
    "death|dying",
    gap=1,
    unless="labour|birth|section|delivery|midwife|epidural|hospital|talking|course|class|baby|anaesthetic",
)
_strong("death", EN, "looking", "forward", "to", "death|dying|dead|gone", gap=1)
_strong(
    "means",
    EN,
    "rope|ropes|noose",
    "shed|garage|loft|attic|wardrobe|bag|car|beam|hook|tree|banister",
    gap=3,
    unless="skipping|climbing|washing|line|swing|dog|toy|tow|towing|boat|camping|tent",
)
_strong(
    "self_injury",
    EN,
    "danger|dangerous|risk|threat",
    "to",
    "myself|me",
    gap=3,
    unless="baby|babies|covid|infection|pregnancy|pregnant|blood|pressure|health|flying|drive|driving",
)
_strong(
    "means",
    EN,
    "tied|tying|tie|tightened|tightening|pulled|wrapped",
    "scarf|belt|cord|rope|cable|tie|lead|strap",
    "round|around",
    "my",
    "neck",
    gap=2,
)
_strong(
    "plan",
    EN,
    "planning|planned|plan|arranging|arranged|organising|organizing|writing|wrote",
    "my|own",
    "funeral",
    gap=2,
)
_strong(
    "self_injury",
    EN,
    "bang|banging|banged|hit|hitting|smash|smashing|smashed",
    "my",
    "head",
    "against|into|on",
    "wall|walls|floor|door|mirror",
    gap=1,
    unless="accident*|xaccidentx|cupboard|shelf|bunk|car|toddler|baby|kitchen|door frame",
)
_strong("death", EN, "like|if", "i", "was|were|had", "never|not", "here|existed|born|been", gap=1)
_weak(
    "finality",
    EN,
    "not",
    "swimming|coming|walking|driving|going",
    "back",
    gap=1,
    unless="work|job|office|class|group|gym|course|hospital|unit|clinic|home|leave|maternity|country|town|uni|university|school|nursery",
)
_weak(
    "finality",
    EN,
    "if",
    "anything|something",
    "happens|happened",
    "to",
    "me",
    gap=0,
    unless="labour|birth|section|hospital|surgery|operation|anaesthetic|epidural|delivery|induction",
)
_weak("finality", EN, "no", "matter", "what", gap=0)
_weak("farewell", EN, "promise|promised|promising", "look|take|care", "after|of", gap=3)
_weak("finality", EN, "remarry|remarries|remarried")
_weak("secrecy", EN, "nobody|noone|one", "needs|has|have", "to", "know", gap=0)
_weak(
    "thoughts",
    EN,
    "see|know|find",
    "what",
    "it",
    "feels|felt|feel|like",
    gap=1,
    unless="labour|birth|contractions|epidural|baby|kick|kicks|movements",
)
_strong(
    "self_injury",
    EN,
    "my",
    "hand|hands|arm|arms|leg|legs|wrist|wrists|skin|head|face|thigh|thighs|finger|fingers",
    "xpurposex",
    gap=6,
    unless="xaccidentx|baby|toddler|bump",
)
_weak(
    "self_injury",
    EN,
    "to",
    "feel",
    "something|anything|pain|real|alive",
    gap=0,
    unless="baby|kick|kicks|movement|movements|better|normal|prepared|ready|safe|confident|comfortable",
)
_strong(
    "thoughts",
    EN,
    "thinking|think|thought",
    "about|of",
    "the|my|those|all|them",
    _PILLS_EN,
    gap=2,
    unless="iron|folic|vitamins|vitamin|taking|take|start|starting|=stopping|switch|switching|safe|side|effects|coming|off|reducing|dose|prescribed|gp|doctor",
)
_strong(
    "death",
    EN,
    "meet|meeting|see|seeing|join|hold|holding",
    "my|our",
    "baby|son|daughter|angel|boy|girl|babies",
    "heaven|sky|stars",
    gap=2,
)

# --- Spanish ----------------------------------------------------------------------
_weak("death", ES, "morir*|muert*|desaparec*|desaparezc*", unless=_FEAR_OF_BIRTH_ES)
_weak("death", ES, "no", "quiero|puedo", "existir|seguir|vivir", gap=1)
_weak("death", ES, "acabaria|acabara|terminaria|terminara", "todo", gap=1)
_weak("death", ES, "todo", "acabe|termine|=pare|acabara|terminara", gap=1)
_weak("death", ES, "no", "quiero", "estar|seguir", "aqui", gap=2)
_weak("death", ES, "para", "siempre", gap=0)
_weak("death", ES, "descansar")
_weak("loss", ES, "entierro|funeral|cielo")
_strong("death", ES, "dormir|dormirme", "y", "no", gap=1)
_strong(
    "death",
    ES,
    "quiero|quisiera|ganas",
    "desaparecer|morirme|morir",
    gap=2,
    unless="fin|semana|dias|vacaciones|viaje|escapada|pareja|marido|novio",
)
_weak("death", ES, "no", "volver", "nunca", gap=1)
_weak("death", ES, "nunca", "volver|despertar", gap=1)
_strong("death", ES, "nadie", "echaria|echara|extrañaria|notaria|importaria", gap=3)
_strong("death", ES, "no", "=despertar|=despertarme|=despierto", gap=3)
_strong("death", ES, "dejar|deje", "de", "existir|vivir", gap=1)
_strong(
    "death",
    ES,
    "cansada|cansado|harta|harto",
    "de",
    "vivir|existir|vida",
    gap=2,
    unless="con|en|aqui|alli|lejos|fuera",
)
_strong("death", ES, "acabar|terminar|acabe", "con", "todo|vida", gap=2)
_weak("hopeless", ES, "desesperanza|inutil|atrapada")
_weak("hopeless", ES, "no|sin|ningun|ninguna", "salida|futuro|esperanza", gap=3)
_weak("hopeless", ES, "no", "aguanto|puedo|soporto", "mas", gap=2)
_weak("hopeless", ES, "nada", "tiene", "sentido", gap=1)
_weak("hopeless", ES, "para", "que", "seguir|vivir|sigo", gap=1)
_weak("hopeless", ES, "rendirme|rindo|rendi")
_weak("hopeless", ES, "vacia|oscuro|oscuridad|fracaso|inutil")
_weak("hopeless", ES, "no", "sirvo", gap=1)
_weak("hopeless", ES, "tirar|tiro|tire", "la", "toalla", gap=0)
_weak("hopeless", ES, "no", "veo|tiene", "sentido|salida|xsensex", gap=3)
_weak("hopeless", ES, "me", "odio", gap=0)
_weak("hopeless", ES, "mala|pesima|horrible", "madre|persona|esposa", gap=1)
_strong("hopeless", ES, "razon|motivo|razones|motivos|nada", "para", "vivir|seguir", gap=1)
_weak("burden", ES, "carga|estorbo")
_weak("burden", ES, "nadie", "quiere|necesita|importa", gap=2)
_weak("burden", ES, "solo", "doy|traigo|causo", "problemas|disgustos", gap=1)
_weak("burden", ES, "arruino|arruinando|arruinado", "vida|vidas|todo", gap=3)
_weak("burden", ES, "merecen", "algo|alguien", "mejor", gap=1)
_strong("burden", ES, "mejor|mejores|tranquilos|felices", "sin", "mi", gap=2)
_strong("burden", ES, "librarian|libraria|librarse", "de", "mi", gap=1)
_weak(
    "means",
    ES,
    "cuerda|soga|cuchilla|cuchillas|navaja|cuchillo|sobredosis|azotea|tejado|balcon|vias|acantilado",
)
# "el puente de diciembre" is a long weekend.
_weak(
    "means",
    ES,
    "puente|viaducto",
    unless="diciembre|mayo|agosto|octubre|noviembre|festivo|festivos|vacaciones|finde|largo|viaje|viajamos|viajar",
)
# The exact words: "tirarme" stems to "tir", like the English "tired".
_weak("means", ES, "=tirarme|=lanzarme|=ahorcarme|=ahogarme|=colgarme|atropell*|arroll*")
_weak("means", ES, "rio|embalse|pantano|canal|lago|acantilado")
_weak("means", ES, "veneno|lejia|pistola|escopeta|arma")
_weak("means", ES, "debajo|delante", "de", "un|una|el|la", "tren|coche|camion|autobus", gap=0)
_weak("means", ES, "ventana|balcon", "abajo|tirarme|saltar", gap=3)
_weak("means", ES, "=saltar|=tirarme", "de|por|desde", gap=1)
_strong(
    "means", ES, "caja|cajas|blister|bote|frasco|puñado|medio|media|mitad", "de", _PILLS_ES, gap=3
)
_weak("means", ES, "cuantas|cuantos", _PILLS_ES, gap=2)
_weak("means", ES, "coche|carro|auto", "debajo|contra|delante", gap=3)
_strong(
    "means",
    ES,
    "=guardando|=guardado|=guardados|=guardadas|=guardo|=juntando|=juntado|=juntadas|=acumulando|=acumulado|=acumuladas|=escondiendo|=ahorrando",
    _PILLS_ES,
    gap=3,
    unless=_SAFE_KEEPING_ES,
)
_strong("means", ES, "cuantas|cuantos", _PILLS_ES, "matar|morir|mortal|bastan|suficiente", gap=4)
_weak("farewell", ES, "despedirme|despedida|despedido|adios|cartas|carta|testamento")
_weak("farewell", ES, "regalado|regalando|regale|regalar", "mis|mi|todo|ropa|cosas", gap=2)
_weak("farewell", ES, "perdon|perdonen|perdoname|perdonadme", "por", "todo", gap=1)
_weak("farewell", ES, "cuiden|cuidad|cuida", "a|de", "mi|mis", gap=1)
_weak(
    "finality",
    ES,
    "ya",
    "no",
    "los|las|lo|la",
    "voy|necesitar|necesito|hacen|hara",
    gap=2,
    unless="embarazo|embarazada|premama|bebe|lactancia|parto",
)
_strong("farewell", ES, "cuando|si", "ya", "no", "este", gap=1)
_weak("farewell", ES, "cuando", "no", "este", gap=1)
_strong("self_injury", ES, "=hacerme", "dano|cortes|heridas", gap=1, unless=_ACCIDENT_ES)
_strong("self_injury", ES, "miedo", "lo", "que", "pueda|pudiera|podria", "hacer|hacerme", gap=2)
_strong("self_injury", ES, "no", "me", "fio", "de", "mi", gap=1)
_strong("self_injury", ES, "no", "estoy", "segura", "conmigo", gap=1)
_strong("self_injury", ES, "hago|hecho|haciendo|hice", "cortes|heridas", gap=2, unless=_ACCIDENT_ES)
_strong(
    "self_injury", ES, "=cortarme|=lastimarme|=golpearme|=quemarme|=arañarme", unless=_ACCIDENT_ES
)
_weak("self_injury", ES, "hice|hago|hecho", "dano", gap=1, unless=_ACCIDENT_ES)
_weak("plan", ES, "decidido|decidida|planeado")
_weak("plan", ES, "dejado|dejar|deje", "escrito|escritas|preparado|organizado|arreglado", gap=1)
_weak("time", ES, "esta|este", "noche|finde", gap=0)
_weak("time", ES, "cuando", "el|se|este|esten|todos", "duerma|trabajando|fuera|salga|vaya", gap=2)
_weak("plan", ES, "lo", "voy|tengo", "hacer|decidido|pensado", gap=2)
_weak("plan", ES, "se|sabria|busque|buscado|mirado|averiguado", "como|donde", gap=1)
_weak("plan", ES, "metodo|metodos")
_weak("thoughts", ES, "pensamientos|pensamiento|ideas", "de|en", gap=1)
_weak("thoughts", ES, "pienso|pensando|imagino|imaginando", "en", gap=0)
_weak("thoughts", ES, "vienen|viene|ronda|rondan", "pensamientos|ideas|cabeza", gap=2)
_weak("thoughts", ES, "pasa|pasan|paso", "por", "cabeza", gap=2)
_weak("thoughts", ES, "dejo", "de", "pensar", gap=0)
_weak("thoughts", ES, "seria|fuera", "facil|sencillo", gap=2)
_weak("thoughts", ES, "tentacion|tentada|impulso|impulsos")
_strong(
    "thoughts",
    ES,
    "pensamientos|ideas|ganas|pienso",
    "de|en",
    "hacerme|matarme|morirme|cortarme|tirarme|quitarme|desaparecer",
    gap=2,
    unless=_FEAR_OF_BIRTH_ES,
)

# Widened from how readers write it (issue 13e), Spain and Latin America alike.
_weak(
    "hopeless",
    ES,
    "no",
    "tiene|tenia|tiene",
    "caso",
    gap=1,
    unless="nauseas|vomitos|ardor|dolor|pastillas|crema|remedio|remedios",
)
_weak("hopeless", ES, "nada|nunca", "va|vaya|iba", "mejorar|cambiar|mejor|bien", gap=3)
_strong(
    "hopeless",
    ES,
    "no",
    "tiene|tenia|hay|veo",
    "caso|sentido|xsensex",
    "seguir|vivir|existir",
    gap=1,
    unless="con|intentando|tomando|lactancia|dando|probando|buscando|esperando",
)
_weak("hopeless", ES, "no", "encuentro|veo|le", "sentido|xsensex", gap=3)
_weak(
    "hopeless",
    ES,
    "atrapado|atrapada|encerrada|encerrado",
    "vida|mi|misma|cabeza|esto",
    gap=3,
    unless="casa|lluvia|trafico|atasco|ascensor|cuarentena|nieve|calor",
)
_weak(
    "hopeless",
    ES,
    "ya",
    "no",
    "puedo",
    gap=0,
    unless="dormir|comer|andar|caminar|respirar|mover|moverme|agacharme|trabajar|conducir|estar|tomar|mas|ponerme|abrochar|atarme",
)
_weak(
    "burden",
    ES,
    "alivio|descanso",
    "para|si|que",
    gap=3,
    unless="dolor|parto|epidural|nauseas|ardor|bebe|nazca|naciera",
)
_strong(
    "burden",
    ES,
    "alivio|descanso|mejor",
    "para",
    "todos|todas|ellos|familia|nadie",
    "no|ya",
    gap=4,
    unless="dolor|parto|epidural|nauseas|bebe|nazca|naciera",
)
_strong("burden", ES, "solo|nomas", "estorbo|molesto|sobro|estorbando", gap=1)
_strong(
    "death", ES, "con", "mi|mis|nuestro", "bebe|hijo|hija|angelito|angel|nino|nina", "cielo", gap=3
)
_strong(
    "death", ES, "reunirme|irme", "con", "mi|mis", "bebe|hijo|hija|angelito|angel|nino|nina", gap=1
)
_strong("death", ES, "desaparecer", "para", "siempre", gap=0)
_strong("death", ES, "=dormirme|=dormir", "para", "siempre", gap=0)
_strong("death", ES, "quitarme|quitarse", "la", "vida", gap=0)
_weak("death", ES, "no", "estar|estuviera|existiera|existir", "aqui|mas|nunca", gap=2)
_weak("means", ES, "vias", "tren", gap=2)
_weak(
    "means",
    ES,
    "todas|toda",
    "las|la",
    _PILLS_ES,
    gap=1,
    unless="hierro|vitaminas|vitamina|folico|prenatales|yodo|calcio|receta|dia|diario|manana|noche|desayuno",
)
_weak(
    "means",
    ES,
    "cinturon|cable|cordon|bufanda",
    "cuello|colgar|colgarme|viga|armario|barandilla",
    gap=6,
    unless="coche|asiento|seguridad|embarazo|umbilical|cuna|carrito",
)
_weak(
    "means",
    ES,
    "ultimo|ultima",
    "piso|planta",
    gap=1,
    unless="vivo|vivimos|ascensor|escaleras|casa",
)
_weak(
    "means",
    ES,
    "bañera|tina|agua",
    "debajo|hundirme|ahogarme|cabeza",
    gap=3,
    unless="bebe|parto|temperatura|termometro",
)
_strong(
    "self_injury",
    ES,
    "me",
    "quemo|queme|quemado|golpeo|golpee|pego|arano|arane|rasguño|lastimo|lastime|muerdo|pellizco|corto|corte|hago",
    "xpurposex|cigarro|cigarros|cigarrillo|mechero|encendedor|castigarme|castigo",
    gap=6,
    unless="plancha|horno|olla|sarten|cocinando|accidente|xaccidentx",
)
_strong(
    "self_injury",
    ES,
    "me",
    "corto|corte|cortado|quemo|quemado|arano|arañado|rasguño",
    "brazos|brazo|piernas|pierna|munecas|muneca|muslos|muslo|piel|barriga|tripa",
    gap=2,
    unless="pelo|unas|flequillo|cocinando|cuchillo|afeitando|depilando|plancha|horno|accidente|xaccidentx",
)
_weak("self_injury", ES, "me", "hago|hice", "dano", gap=2, unless=_ACCIDENT_ES)
_strong("self_injury", ES, "hago|hice|hecho", "dano", "xpurposex|queriendo", gap=3)
_strong("thoughts", ES, "miedo", "que|de|a", "hacerlo|haga|hacer|actuar", "algo|caso", gap=2)
_strong(
    "thoughts",
    ES,
    "parte",
    "de",
    "mi",
    "quiere|queria",
    "morir*|desaparecer|hacerlo|acabar|matarme|hacerme|irme",
    gap=2,
)
_weak("thoughts", ES, "parte", "de", "mi", "quiere|queria", gap=0)
_weak("thoughts", ES, "miedo", "de|a", "hacerlo", gap=1)
_weak("time", ES, "cuando", "se", "duerman|duerma|vayan|vaya|salga|salgan", gap=1)
_weak("plan", ES, "lo", "hago|hare|haré", gap=0, unless="bien|mal|yo|como|que|todo")
_weak(
    "farewell",
    ES,
    "di|dado|doy|repartido|repartiendo|regalado|regale",
    "mis|todas",
    "cosas|joyas|ropa|pertenencias",
    gap=2,
    unless="bebe|hijo|hija|mayor|prima|caridad|carrito",
)
_strong("hopeless", ES, "salida", "a", "nada|vida|mi", gap=1)
_weak(
    "thoughts",
    ES,
    "ganas",
    "de",
    "meter|tirarme|lanzarme|saltar|estrellar*|chocar|estampar*",
    gap=1,
    unless="alegria|gusto|emocion|felicidad|contenta|ilusion|cama|piscina|comba|agua|mar|paracaidas",
)
_strong(
    "means",
    ES,
    "pasado|pase|pasando|pasé",
    "con",
    "las|los|mis",
    _PILLS_ES,
    gap=1,
    unless="xaccidentx|accidente|querer|sin|olvide|olvido",
)
_strong(
    "self_injury",
    ES,
    "provoco|provoque|provocado|provocando|hago|hecho|hice",
    "heridas|cortes|quemaduras|moratones|moretones",
    gap=2,
    unless="accidente|xaccidentx|caerme|caida|resbale|cocinando|cocina|pelando|=cortando|=cuchillo|=cuchillos|plancha|horno|querer|puerta|dedo|mano",
)
_strong(
    "burden",
    ES,
    "mejor|mejores|tranquilos|felices",
    "si",
    "yo|me",
    "desapareciera|muriera|fuera|estuviera|no",
    gap=2,
)
_weak(
    "death",
    ES,
    "facil|mejor|sencillo",
    "no",
    "estar|existir|despertar",
    gap=0,
    unless="embarazada|casa|aqui|sola|solo|sentada|pie|en|de|con",
)
_weak(
    "death",
    ES,
    "quiero",
    "que",
    "se",
    "acabe|termine",
    gap=1,
    unless="embarazo|nauseas|dolor|parto|semana|semanas|vomitos|ardor|tos|gripe",
)
_weak("hopeless", ES, "no", "quiero|puedo", "luchar", gap=2)
_weak("hopeless", ES, "agotada|harta|cansada|agotado|harto|cansado", "de", "todo", gap=0)

# Widened by kind (issue 13f), as in English.
_strong("time", ES, "xalonex")
_weak(
    "time",
    ES,
    "despues|tras",
    "ecografia|eco|cita|entierro|funeral|revision|boda|bautizo|cumpleanos|resultados",
    gap=3,
)
_weak(
    "finality",
    ES,
    "sera|ser",
    "el",
    "momento|dia",
    gap=1,
    unless="feliz|bonito|especial|mejor|parto|bebe|nazca|boda|importante",
)
_weak("finality", ES, "ya", "esta", "decidido|hecho|todo", gap=1)
_weak(
    "finality",
    ES,
    "=despedi|=despedido|=despedida|=despedirme|=despidiendo",
    unless="trabajo|empresa|jefe|despido",
)
_weak(
    "plan",
    ES,
    "estuve|estaba|fui|voy|subi|quede|sente|pare",
    "en|al|hasta|a",
    "el|la|las|lo",
    "puente|azotea|tejado|vias|acantilado|borde|viaducto",
    gap=2,
    unless="vacaciones|foto|fotos|vistas|paseo|paseando|turismo|boda|diciembre|mayo|agosto|festivo|cama|sofa|banera|piscina",
)
_weak(
    "thoughts",
    ES,
    "mirando|mire|miraba|mirar",
    "abajo|agua|vias|trenes|coches|rio|vacio",
    gap=2,
    unless="bebe|banera|parto|piscina|playa|ecografia",
)
_weak(
    "means",
    ES,
    "volantazo|estrellarme|estamparme|estrellar|estampar",
    unless="casi|lluvia|nieve|accidente|xaccidentx|ciervo|perro|gato",
)
_weak(
    "reunion",
    ES,
    "quiero|quisiera|ojala|necesito|solo",
    "estar|irme|ir|ver|abrazar|reunirme|tener",
    "con|donde",
    gap=2,
)
_weak(
    "loss",
    ES,
    "angelito|angeles|angel|dios",
    unless="guarda|gracias|bendiga|bendito|mio|quiere|mediante|quiera",
)
_weak(
    "farewell",
    ES,
    "di|dado|regale|regalado|regalando|deje|dejado",
    "mi|el|la|a|al",
    "perro|perra|gato|gata|mascota|mascotas",
    gap=2,
)
_weak(
    "farewell",
    ES,
    "deje|dejado|dejando|dejo",
    "todo",
    "ordenado|arreglado|preparado|listo|organizado",
    gap=1,
)
_strong(
    "farewell",
    ES,
    "carta|cartas|mensaje|mensajes|video|videos",
    "a|para",
    "mis|mi|cada|todos",
    "hijos|hijas|hijo|hija|marido|pareja|familia|madre|padre|uno|todos",
    gap=2,
    unless="bebe|barriga|diario|recuerdo|recuerdos|colegio|guarderia|trabajo|jefe|hospital|matrona|reyes|navidad|cumpleanos|gracias|parto|reclamacion",
)
_strong(
    "means",
    ES,
    _PILLS_ES,
    "preparadas|preparados|listas|listos",
    gap=2,
    unless="bolsa|hospital|parto|maleta|manana|desayuno|pastillero|viaje",
)
_strong(
    "means",
    ES,
    "guardand*|guardad*|juntand*|juntad*|acumuland*|escondid*|escondiend*|ahorrand*|reservand*",
    _PILLS_ES,
    gap=4,
    unless=_SAFE_KEEPING_ES,
)
_strong(
    "means",
    ES,
    "cuantas|cuantos",
    _PILLS_ES,
    "falta|hacen|necesitan",
    gap=4,
    unless="dia|diarias|diario|hierro|vitaminas|vitamina|dolor|cabeza|puedo|maximo|seguro|seguras|dosis",
)
_strong(
    "self_injury",
    ES,
    "volvi|vuelto|volvere|volver|vuelvo|volvia",
    "a",
    "=cortarme|=cortar|=quemarme|=quemar|=lastimarme|=lastimar|=golpearme|=hacerme|=pegarme|=rascarme|=autolesionarme",
    gap=1,
    unless="pelo|flequillo|unas|dedo|mano|cocinando|cuchillo|accidente|xaccidentx|pan|cebolla|verdura|papel|picor|pica",
)
_strong(
    "self_injury",
    ES,
    "rasco|rasque|rascado|rascando|pellizco|pellizcado|muerdo|mordido",
    "hasta",
    "sangrar|sangre|sangrando|herida|heridas|hacerme",
    gap=4,
    unless=_ACCIDENT_ES,
)
_strong(
    "hopeless",
    ES,
    "no",
    "veo|hay|tengo|existe",
    "futuro",
    "para",
    "mi",
    gap=2,
    unless="pareja|trabajo|relacion|nosotros|pueblo|ciudad|pais",
)
_strong(
    "death",
    ES,
    "da|importa",
    "igual|nada|lo",
    "sobrevivir|vivir|morir|morirme|despertar|despertarme|salir|muero|vivo|sobrevivo|despierto",
    gap=3,
    unless="sexo|nino|nina|epidural|cesarea|peso|nombre",
)
_strong("burden", ES, "mejor|mejores|tranquilos|felices|libre|libres", "sin", "mi", gap=3)
_strong(
    "farewell",
    ES,
    "di|dado|doy|repartido|repartiendo|regalado|regale|dejado|deje",
    "mis|todas|mi",
    "joyas|anillo|anillos|collar|pertenencias|reloj|ahorros",
    gap=3,
    unless="bebe|hijo|hija|caridad|carrito|prestado|presto|arreglar|vender|vendi",
)
_weak(
    "finality",
    ES,
    "mejor",
    "asi",
    gap=0,
    unless="bebe|parto|lactancia|postura|dormir|cesarea|epidural|biberon|pecho",
)
_weak(
    "finality",
    ES,
    "antes",
    "de",
    "irme|marcharme|partir",
    gap=0,
    unless="hospital|parto|vacaciones|trabajo|casa|baja|maternidad|viaje",
)

# Round 2 of issue 13f (Spanish), as in English.
_weak(
    "loss",
    ES,
    "murio|fallecio|falleció|muerto|muerta|perdi|mortinato|entierro|funeral",
    unless="bateria|movil|telefono|peso|llaves|trabajo|tapon|apetito|mucosidad|senal|examen|cobertura|paciencia",
)
_weak(
    "reunion",
    ES,
    "irme|ir|reunirme|estar|seguirle|seguirla",
    "con|donde",
    "el|ella|ellos|mi",
    gap=1,
)
_weak("secrecy", ES, "sin", "que", "se", "den|de|entere|enteren", "cuenta", gap=0)
_weak(
    "secrecy",
    ES,
    "nadie",
    "sabe|lo sabe|se entera",
    gap=1,
    unless="embarazada|embarazo|todavia|aun|bebe|sexo|nombre|sorpresa|ecografia",
)
_weak(
    "secrecy",
    ES,
    "no",
    "sabe|saben",
    "nada|que|lo",
    gap=1,
    unless="embarazada|embarazo|todavia|aun|bebe|sexo|nombre|sorpresa|ecografia|hacer|cocinar|cambiar|si",
)
_strong("death", ES, "no", "abrir|abra|abriera", "los", "ojos", gap=1)
_strong(
    "death",
    ES,
    "no",
    "estare|estaré|voy",
    "aqui|aca|viva",
    "para|cuando",
    gap=2,
    unless="trabajo|vacaciones|viaje|fuera|boda|navidad",
)
_strong("death", ES, "esperando", "morir|morirme|la muerte|muerte", gap=2, unless=_FEAR_OF_BIRTH_ES)
_strong(
    "hopeless",
    ES,
    "no",
    "gusto|ganas|sentido|xsensex|razon|motivo",
    "a|de|para",
    "vivir|vida|seguir",
    gap=3,
    unless="comer|nada|cocinar|salir|sexo|trabajar|con|intentando|tomando|lactancia|dando|probando|buscando|esperando",
)
_weak("hopeless", ES, "solo|sigo", "sigo|aqui|aguanto|vivo", "por", "el|la|mis|mi", gap=2)
_strong(
    "burden",
    ES,
    "soy|siento|me",
    "un|una",
    "peso|lastre|estorbo",
    "para",
    gap=1,
    unless="kilos|kg|gramos|bebe|ganar|subir|bajar|engordar|balanza|bascula",
)
_weak(
    "burden",
    ES,
    "peso|lastre",
    "para",
    "mi|todos|ellos|familia|marido|pareja",
    gap=1,
    unless="kilos|kg|gramos|bebe|ganar|subir|bajar|engordar|balanza|bascula",
)
_strong("burden", ES, "mejor", "para", "todos|todas|ellos|familia|nadie", "que", "yo|me", gap=3)
_strong(
    "burden",
    ES,
    "mejor",
    "que",
    "yo|me",
    "desapareciera|muriera|fuera|estuviera|no|muera|desaparezca",
    gap=2,
)
_weak(
    "finality",
    ES,
    "es|sera|ser",
    "el",
    "momento",
    gap=1,
    unless="feliz|bonito|especial|mejor|parto|bebe|nazca|boda|importante|mas|cita|ecografia|empujar|pujar|ir|llamar",
)
_weak("thoughts", ES, "lo", "facil|sencillo|rapido", "que", "seria|fuera|es", gap=0)
_weak(
    "means",
    ES,
    "pasa|pasan|pasar|pasaba|viene",
    "el|los|un",
    "tren|trenes|metro|camion|camiones",
    gap=1,
)
_weak("means", ES, "dar", "un", "paso|salto", gap=0, unless="adelante|atras|importante|grande|mas")
_strong(
    "self_injury",
    ES,
    "me",
    "=muerdo|=mordi|=mordido|=pellizco|=pellizque|=golpeo|=golpee|=pego|=pegue|=rasco|=rasque",
    "brazos|brazo|piernas|pierna|munecas|muneca|muslos|muslo|piel|barriga|tripa|cara|cabeza",
    gap=2,
    unless=_ACCIDENT_ES + "|toddler|hijo|hija|nino|nina|bebe|perro|gato",
)
_weak(
    "plan",
    ES,
    "todo",
    "planeado|organizado|preparado|pensado|listo",
    gap=1,
    unless="parto|bolsa|maleta|habitacion|cuna|baby|shower|fiesta|bautizo|cumpleanos|boda|vacaciones|nombre|hospital|llegada|nacimiento|cesarea|induccion",
)

# Round 3 of issue 13f (Spanish), as in English.
_strong(
    "plan",
    ES,
    "forma|manera|modo|metodo",
    "menos|mas",
    "dolorosa|doloroso|rapida|rapido|segura|seguro",
    gap=1,
    unless="parto|parir|dar|epidural|induccion|depilar|depilacion|quitar|pendientes|vacuna|inyeccion|analitica|sangre|lactancia|dormir|bajar|adelgazar|llegar|hospital",
)
_strong(
    "death",
    ES,
    "no",
    "tengo|me",
    "miedo|da",
    "a|de",
    "morir|morirme|muerte",
    gap=1,
    unless="parto|cesarea|bebe|aborto|anestesia|hospital|epidural|clase|matrona",
)
_weak("death", ES, "me", "da", "paz", "pensarlo|pensar|morir|muerte|irme", gap=1)
_strong(
    "death",
    ES,
    "cansadisima|cansadisimo|hartisima|hartisimo|agotada|agotado",
    "de",
    "vivir|existir|vida",
    gap=2,
    unless="con|en|aqui|alli|lejos|fuera",
)
_weak(
    "finality",
    ES,
    "si",
    "me",
    "pasa|pasara|pasase",
    "algo",
    gap=0,
    unless="parto|cesarea|hospital|anestesia|epidural|operacion|induccion|quirofano",
)
_weak(
    "farewell",
    ES,
    "cuide|cuidara|cuidar|cuidase|cuidaran",
    "de|a",
    "mi|mis",
    gap=1,
    unless="mientras|parto|hospital|trabajo|noche|tarde|manana|rato|dias|semana|cesarea",
)
_weak("burden", ES, "sobro|sobra|sobrando|sobrar")
_strong(
    "self_injury",
    ES,
    "cabezazos|cabezazo|golpes|punetazos|puñetazos|golpearme",
    "contra",
    "la|el|las|los",
    "pared|paredes|muro|suelo|puerta|espejo",
    gap=1,
    unless="accidente|xaccidentx|toddler|hijo|hija|nino|nina|bebe|armario|coche",
)
_weak(
    "plan",
    ES,
    "se|sabia|tengo",
    "que|cual",
    "puente|edificio|tren|via|vias|pastillas|dia|sitio|lugar",
    gap=1,
    unless="diciembre|mayo|agosto|octubre|noviembre|festivo|vacaciones|finde|largo|viaje|parto|hospital|cita|ecografia",
)
_strong(
    "burden",
    ES,
    "estarian|estaria|vivirian|viviria|crecerian|creceria",
    "mejor|mejores|felices|bien",
    "criados|criado|cuidados|cuidado|con|sin",
    gap=1,
    unless="guarderia|mientras|trabajo|vacaciones|noche|rato|dias|abuelos mientras",
)
_weak("burden", ES, "solo|nomas", "les|le", "hago|causo|doy", "dano|mal|problemas|disgustos", gap=1)
_weak("means", ES, "soltar|solte|suelto|soltaria", "el", "volante", gap=0)
_weak("finality", ES, "pase", "lo", "que", "tenga|tuviera", "que", "pasar", gap=0)
_strong(
    "farewell",
    ES,
    "escribi|escrito|dejado|deje|quiero|planeando|organizando|preparando|pensado",
    "mi",
    "funeral|entierro|despedida",
    gap=4,
    unless="abuela|abuelo|padre|madre|tia|tio",
)
_weak(
    "time",
    ES,
    "cuando",
    "mi|el",
    "marido|pareja|novio|madre|suegra|esposo",
    "salga|vaya|este|trabaje|duerma|viaje|se",
    gap=2,
)
_strong(
    "hopeless",
    ES,
    "no",
    "tengo|quedan|me",
    "fuerzas|energia|motivos",
    "para|de",
    "vivir|seguir|existir",
    gap=2,
)
_strong(
    "death",
    ES,
    "ver|abrazar|reunirme|estar",
    "a|con",
    "mi|nuestro|nuestra",
    "bebe|hijo|hija|angelito|angel|nino|nina",
    "cielo",
    gap=4,
)
_weak(
    "self_injury",
    ES,
    "para",
    "sentir",
    "algo|dolor|nada|viva",
    gap=0,
    unless="bebe|patadas|movimientos|mejor|preparada|segura|tranquila|normal",
)
