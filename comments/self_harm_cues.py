# ruff: noqa: E501 -- the cues are data: one alternation of words per line reads best.
"""
The cue model for thoughts of suicide or self-harm, in English and Spanish.

The self-harm rules of ``comments.red_flags`` name phrases ("kill myself", "quiero
morir"); readers who are thinking of suicide rarely use them. What clinicians listen
for is a handful of *kinds* of cue (the questions of a suicide-risk assessment): death
or not existing, hopelessness, being a burden, a means or method, saying goodbye, a
plan or a time, hurting herself, thoughts about it that keep coming back. One cue of
most kinds is said innocently every day ("the train journey", "letters to the baby",
"I can't take this heartburn"); two different kinds in one question seldom are.

So ``comments.triage`` flags self-harm when

- a **strong** cue appears (one that is hardly ever innocent when the reader says it
  of herself: "saving up my tablets", "cutting myself", "not wake up", "cansada de
  vivir"), or
- **two different kinds** of weaker cue appear in the same question.

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
    "thoughts": "thoughts",
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


_PILLS_EN = "pills|pill|tablets|tablet|meds|medication|medicine|medicines|painkillers|paracetamol|ibuprofen|aspirin|sertraline|citalopram|fluoxetine|codeine|co-codamol|tramadol|diazepam|zopiclone|antidepressants|sleeping"
_PILLS_ES = "pastillas|pastilla|pildoras|comprimidos|medicamentos|medicinas|calmantes|analgesicos|somniferos|paracetamol|ibuprofeno|antidepresivos|diazepam|lorazepam|tranquilizantes|ansioliticos"
# Medicines kept safe from children are not medicines put aside.
_SAFE_KEEPING_EN = "children|kids|toddler|reach|cupboard|locked|lock|high|safe|safely"
_SAFE_KEEPING_ES = "ninos|niños|hijos|alcance|armario|llave|alto|seguro|seguras"
# Fears of dying in childbirth, or for the baby, are fears, not a wish to die.
_FEAR_OF_BIRTH_EN = "labour|labor|birth|childbirth|delivery|section|baby|babies|miscarriage|stillbirth|scared|afraid|fear|frightened|worried|worry|anxious|terrified"
_FEAR_OF_BIRTH_ES = "parto|cesarea|bebe|aborto|miedo|preocupa|preocupada|asusta|asustada|susto"
_ACCIDENT_EN = "accident*|accidentally|fell|fall|falling|slipped|lifting|cooking|shaving|oven|iron|kettle|stove|chopping|opening|tin|knife|door|xaccidentx"
_ACCIDENT_ES = "accidente|caerme|cai|caida|resbale|cocinando|querer|plancha|horno|cuchillo|puerta|xaccidentx"

# --- English ----------------------------------------------------------------------
# Death, dying, not existing, not waking up.
_weak("death", EN, "die|dying|dead|death|disappear*|vanish*", unless=_FEAR_OF_BIRTH_EN)
_weak("death", EN, "not|stop|stopped", "be|being|exist*", "here|around|anymore", gap=3)
_weak("death", EN, "wish|wished|wishing", "not|never", gap=2)
_weak("death", EN, "sleep", "forever|never", gap=1)
_strong("death", EN, "not|never", "wake|waking", "up", gap=1)
_strong("death", EN, "stop|stopped", "being|existing", "here|alive|around", gap=1)
_strong("death", EN, "tired|sick", "of", "living|existing|life|alive", gap=2, unless="with|in|here|there|abroad|away")
_strong("death", EN, "end|ending", "it", gap=0)
_weak("death", EN, "all", "stop|over|end", gap=3)
_weak("death", EN, "at", "peace|rest", gap=1)
_weak("death", EN, "funeral|heaven|grave")
_strong("death", EN, "better", "off", "dead|gone", gap=1)
_strong("death", EN, "not", "want", "alive|exist|existing", gap=4)
_strong("death", EN, "want|wanna|wish|wishing", "disappear|vanish|gone|exist|existed", gap=3, unless="weekend|holiday|days|trip|break|partner|husband|boyfriend")
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
_weak("hopeless", EN, "numb", unless="hand|hands|finger|fingers|feet|foot|toes|leg|legs|arm|arms|face|lip|lips|tingling|tingly|wrist|wrists|thigh|bum|tongue")
_weak("hopeless", EN, "hate", "myself|me", gap=1)
_weak("hopeless", EN, "terrible|awful|useless|horrible|rubbish|bad", "mum|mother|mom|wife|person", gap=1)
_weak("hopeless", EN, "give|giving|gave", "up", "on", gap=0)
_strong("hopeless", EN, "no|nothing|any", "reason|reasons", "to|for", "live|living|go|stay|carry|keep", gap=1)
_strong("hopeless", EN, "nothing|nobody|noone", "to", "live", gap=0)
_weak("hopeless", EN, "not", "want", "anymore|ever|again", gap=5)
# Being a burden; others better off without her.
_weak("burden", EN, "burden|nuisance")
_weak("burden", EN, "ruin|ruining|ruined", "their|his|her|everyones|everything", gap=2)
_weak("burden", EN, "deserve|deserves", "better", gap=2)
_weak("burden", EN, "nobody|noone", "cares|loves|wants|needs", gap=1)
_strong("burden", EN, "nobody|noone|one", "miss|notice|care", "me|if", gap=3)
_strong("burden", EN, "fine|better|happier|easier|lighter", "without", "me", gap=2)
_strong("burden", EN, "everyone|everybody|family|they|them", "better|fine|easier", "off|without", gap=3)
# Means and methods: tablets in quantity or put aside, rope, blade, a height, a train or
# a road, water.
_weak("means", EN, "rope|noose|blade|blades|razor|razors|knife|knives|overdose|overdos*|cliff|roof|ledge|bridge|tracks|motorway")
_weak("means", EN, "jump|jumping|jumped|drown|drowning|hang|hanging|step|stepping|walk|walking|drive|driving|swerve", "off|into|under|front|from|myself", gap=2)
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
_strong("means", EN, "half|most|whole|box|boxes|packet|packets|bottle|handful|strip|strips|stash|pile", "of", _PILLS_EN, gap=3)
_strong("means", EN, "saving|saved|stockpil*|hoard*|collecting|collected|stash*|squirrel*", "up|aside|away|my|some|few|a|all|her|his", _PILLS_EN, gap=3)
_strong("means", EN, "putting|put|setting|set|hiding|hid|keeping|kept", "aside|back|some|few", _PILLS_EN, gap=2, unless=_SAFE_KEEPING_EN)
_strong("means", EN, "how", "many|much", _PILLS_EN, "kill|fatal|lethal|die|enough", gap=4)
# Farewells: goodbyes, letters, giving things away, arrangements for after.
_weak("farewell", EN, "goodbye|goodbyes|farewell|letters|letter")
_weak("farewell", EN, "gave|given|giving|give", "away|my|her|his", gap=2)
_weak("farewell", EN, "write|wrote|written|writing|made|making|update|updated", "will|note|notes", gap=2)
_weak("farewell", EN, "affairs|everything", "in", "order", gap=0)
_weak("farewell", EN, "sorry", "for", "everything", gap=0)
_weak("farewell", EN, "forgive", "me", gap=0)
_strong("farewell", EN, "said|saying|say", "my|our", "goodbyes|goodbye", gap=1)
_strong("farewell", EN, "when|after|once|if", "im|i", "gone|dead", gap=1)
_weak("farewell", EN, "when|after|once", "im|i", "not", "here|around", gap=2)
# Hurting herself. Cutting, harming, stabbing are hardly ever accidents said this way;
# "I hurt myself" or "I hit myself" often are ("lifting the shopping"), so they are weak.
_strong("self_injury", EN, "scared|afraid|frightened|terrified", "what", "i", "might|could|will|would", "do", gap=1)
_strong("self_injury", EN, "not", "trust", "myself", gap=1)
_strong("self_injury", EN, "keep|keeping", "myself", "safe", gap=1)
_strong("self_injury", EN, "cut|cutting|cuts|harm|harming|scratch*|punch*|stab*|pressing|dig|digging|carving", "myself", gap=2, unless=_ACCIDENT_EN)
_strong("self_injury", EN, "cut|cutting|cuts|harm|harming|scratch*|punch*|stab*|pressing|dig|digging|carving|nails|blade|razor", "my|into", "arm|arms|skin|legs|wrist|wrists|thigh|thighs", gap=2, unless=_ACCIDENT_EN)
_weak("self_injury", EN, "hurt|hurting|hit|hitting|burn|burning|bang*", "myself", gap=2, unless=_ACCIDENT_EN)
# A plan or a time.
_weak("plan", EN, "tonight|decided")
_weak("plan", EN, "made|make", "mind", "up", gap=1)
_weak("plan", EN, "mind", "made", "up", gap=1)
_weak("plan", EN, "when", "he|hes|everyone|they|shes", "asleep|sleeping|work|out|away|nights|gone|leaves", gap=2)
_weak("plan", EN, "on|at", "nights|work", "next|all|this", gap=2)
_weak("plan", EN, "do|doing", "it", gap=0)
_weak("plan", EN, "know|worked|figured|looked|googled|searched|researched|researching", "how|where|up", gap=1)
_weak("plan", EN, "this", "weekend", gap=0)
_weak("plan", EN, "method|methods")
# Thoughts that keep coming back.
_weak("thoughts", EN, "thoughts|thought|imagining|picturing", "about|of", gap=1)
_weak("thoughts", EN, "keep|keeps|kept|not", "thinking|imagining|picturing|popping|coming|looking|staring", gap=1)
_weak("thoughts", EN, "popping|pops|intrusive|urge|urges|tempting|tempted")
_weak("thoughts", EN, "stop", "thinking", gap=1)
_weak("thoughts", EN, "would", "be", "easy|easier", gap=1)
_strong("thoughts", EN, "thoughts|thought|urge|urges|thinking", "of|about", "cutting|hurting|harming|killing|ending|jumping|dying", gap=2, unless=_FEAR_OF_BIRTH_EN)

# Widened from how readers write it (issue 13e): entrapment, "nothing will get better",
# burden as relief, a lost baby, sleep without waking, places and ligatures, burning or
# hitting herself on purpose, thoughts she fears acting on, text-speak.
_weak("hopeless", EN, "nothing|never", "get|getting|gets|going|change|changes", "better|change|easier", gap=3)
_weak("hopeless", EN, "stuck|trapped", "forever|inside|myself|life|head|way", gap=3)
_weak("hopeless", EN, "no", "escape|exit|light|end", gap=1, unless="mortgage|debt|loan|contract|job|traffic|road|car|tunnel|nausea|sickness|heartburn|pain")
_weak("burden", EN, "deserve|deserves", "mum|mother|mom|wife|partner|someone", gap=4)
_weak("burden", EN, "relieved|relief", "if|when|without", gap=3, unless="pain|baby|born|birth|labour|epidural|scan|results|over")
_strong("burden", EN, "relieved|relief|easier|better", "if|once|when", "i|im", "gone|dead|not|wasnt", gap=3, unless="labour|birth|baby|epidural|scan|results|bed|home|hospital")
_strong("burden", EN, "cope|manage", "fine|better|okay|ok", "without", "me", gap=1)
_strong("death", EN, "sleep|asleep", "and|never", "not|never", "wake", gap=1)
_strong("death", EN, "disappear|disappearing|vanish|vanishing", "for", "good|ever", gap=0)
_strong("death", EN, "join|joining", "my|our|her|him", "baby|babies|son|daughter|angel|angels", gap=1, unless="nicu|unit|ward|hospital|class|group|club")
_strong("death", EN, "with", "my|our", "baby|son|daughter|angel", "heaven|sky|stars", gap=3)
_weak("death", EN, "be|with", "my|our", "baby|son|daughter|angel", "again", gap=1, unless="nicu|unit|ward|hospital|home|work|after|tomorrow|soon|discharged|shift")
_strong("death", EN, "unalive*|kms|kys|ctb|sewerslide|suicidal")
_strong("death", EN, "top|topping|off|offing", "myself", gap=0, unless="up|iron|water|drink|credit|phone|tea")
_strong("death", EN, "do|doing", "myself", "in", gap=0)
_weak("means", EN, "multi|multistorey|multistory", "storey|story|level|car|roof", gap=2)
_weak("means", EN, "top|roof|edge", "level|storey|floor|car", gap=2, unless="flat|apartment|lift|stairs|bunk|shelf|cupboard")
_weak("means", EN, "balcony|viaduct|overpass|flyover|platform")
_weak("means", EN, "belt|cord|cable|scarf|rope|tie|lead", "neck|hang|banister|hook|beam|loft|wardrobe|use", gap=6, unless="seat|car|bump|maternity|support|tummy|belly|umbilical|cot|blind|blinds|pram|buggy|phone|charger")
_weak("means", EN, "take|taking|swallow|swallowing|down", "all|everything|lot", _PILLS_EN, gap=3, unless="course|prescribed|daily|morning|breakfast|food|folic|vitamins|iron|antibiotics|every")
_weak("means", EN, "bath|water", "under|drown|slip|head", gap=3, unless="baby|babys|birth|pool|labour|waters|temperature|thermometer")
_strong("self_injury", EN, "burn|burning|burnt|burned|hit|hitting|hurt|hurting|scratch*|bang*|punch*|slap*|bite|biting|pinch*", "myself|my|me", "xpurposex|lighter|cigarette|cigarettes|fag|lighters|deliberately|punish", gap=5, unless="oven|iron|kettle|stove|accident*|xaccidentx|cooking|pan")
_strong("self_injury", EN, "do|did|doing", "it", "xpurposex", gap=1)
_strong("thoughts", EN, "scared|afraid|frightened|terrified|worried|worry|fear", "act|acting", "on", "it|them|thoughts|urges|this|that", gap=3)
_strong("thoughts", EN, "part", "of", "me", "wants|want|wanted", "die|end|do|hurt|disappear|gone|not", gap=2)
_weak("thoughts", EN, "part", "of", "me", "wants|want|wanted", gap=0)
_weak("thoughts", EN, "keep|keeps|kept|find", "driving|walking|going|drawn|ending", "back|up|there|to", gap=2)
_weak("plan", EN, "tomorrow|weekend|tonight", "when|once|after", "he|hes|they|theyre|everyone|kids", gap=3)
_weak("farewell", EN, "gave|given|giving|give", "away", gap=3)
_weak("farewell", EN, "jewellery|jewelry|things|stuff|belongings", "to|away", "sister|mum|brother|friend|her|him|them", gap=3, unless="baby|babys|clothes|pram|cot|bottles|charity|bag")
_strong("means", EN, _PILLS_EN, "lined|laid|counted|spread", "up|out", gap=2)
_weak("thoughts", EN, "wonder|wondering|wondered", "what|how", "feel|feels|like|be", gap=3)
_weak("thoughts", EN, "look|looking|stare|staring|peer|peering", "down|over", gap=1, unless="baby|bump|feet|phone|throat|mirror")
_weak("thoughts", EN, "thinking|think|thought", "of|about", "ways|way", gap=1)
_weak("hopeless", EN, "im|i", "done", "with", "everything|it|life", gap=2)
_strong("death", EN, "not", "see|imagine|picture", "myself", "here|alive|around|living", gap=3, unless="job|work|town|city|area|house|flat|country|hospital|career")

# --- Spanish ----------------------------------------------------------------------
_weak("death", ES, "morir*|muert*|desaparec*|desaparezc*", unless=_FEAR_OF_BIRTH_ES)
_weak("death", ES, "no", "quiero|puedo", "existir|seguir|vivir", gap=1)
_weak("death", ES, "acabaria|acabara|terminaria|terminara", "todo", gap=1)
_weak("death", ES, "todo", "acabe|termine|pare|acabara|terminara", gap=1)
_weak("death", ES, "no", "quiero", "estar|seguir", "aqui", gap=2)
_weak("death", ES, "para", "siempre", gap=0)
_weak("death", ES, "descansar|entierro|funeral|cielo")
_strong("death", ES, "dormir|dormirme", "y", "no", gap=1)
_strong("death", ES, "quiero|quisiera|ganas", "desaparecer|morirme|morir", gap=2, unless="fin|semana|dias|vacaciones|viaje|escapada|pareja|marido|novio")
_weak("death", ES, "no", "volver", "nunca", gap=1)
_weak("death", ES, "nunca", "volver|despertar", gap=1)
_strong("death", ES, "nadie", "echaria|echara|extrañaria|notaria|importaria", gap=3)
_strong("death", ES, "no", "=despertar|=despertarme|=despierto", gap=3)
_strong("death", ES, "dejar|deje", "de", "existir|vivir", gap=1)
_strong("death", ES, "cansada|cansado|harta|harto", "de", "vivir|existir|vida", gap=2, unless="con|en|aqui|alli|lejos|fuera")
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
_weak("means", ES, "cuerda|soga|cuchilla|cuchillas|navaja|cuchillo|sobredosis|azotea|tejado|balcon|vias|acantilado")
# "el puente de diciembre" is a long weekend.
_weak("means", ES, "puente|viaducto", unless="diciembre|mayo|agosto|octubre|noviembre|festivo|festivos|vacaciones|finde|largo|viaje|viajamos|viajar")
# The exact words: "tirarme" stems to "tir", like the English "tired".
_weak("means", ES, "=tirarme|=lanzarme|=ahorcarme|=ahogarme|=colgarme|atropell*|arroll*")
_weak("means", ES, "rio|embalse|pantano|canal|lago|acantilado")
_weak("means", ES, "veneno|lejia|pistola|escopeta|arma")
_weak("means", ES, "debajo|delante", "de", "un|una|el|la", "tren|coche|camion|autobus", gap=0)
_weak("means", ES, "ventana|balcon", "abajo|tirarme|saltar", gap=3)
_weak("means", ES, "=saltar|=tirarme", "de|por|desde", gap=1)
_strong("means", ES, "caja|cajas|blister|bote|frasco|puñado|medio|media|mitad", "de", _PILLS_ES, gap=3)
_weak("means", ES, "cuantas|cuantos", _PILLS_ES, gap=2)
_weak("means", ES, "coche|carro|auto", "debajo|contra|delante", gap=3)
_strong("means", ES, "=guardando|=guardado|=guardados|=guardadas|=guardo|=juntando|=juntado|=juntadas|=acumulando|=acumulado|=acumuladas|=escondiendo|=ahorrando", _PILLS_ES, gap=3, unless=_SAFE_KEEPING_ES)
_strong("means", ES, "cuantas|cuantos", _PILLS_ES, "matar|morir|mortal|bastan|suficiente", gap=4)
_weak("farewell", ES, "despedirme|despedida|despedido|adios|cartas|carta|testamento")
_weak("farewell", ES, "regalado|regalando|regale|regalar", "mis|mi|todo|ropa|cosas", gap=2)
_weak("farewell", ES, "perdon|perdonen|perdoname|perdonadme", "por", "todo", gap=1)
_weak("farewell", ES, "cuiden|cuidad|cuida", "a|de", "mi|mis", gap=1)
_weak("farewell", ES, "ya", "no", "los|las|lo|la", "voy|necesitar|necesito", gap=2)
_strong("farewell", ES, "cuando|si", "ya", "no", "este", gap=1)
_weak("farewell", ES, "cuando", "no", "este", gap=1)
_strong("self_injury", ES, "hacerme", "dano|cortes|heridas", gap=1, unless=_ACCIDENT_ES)
_strong("self_injury", ES, "miedo", "lo", "que", "pueda|pudiera|podria", "hacer|hacerme", gap=2)
_strong("self_injury", ES, "no", "me", "fio", "de", "mi", gap=1)
_strong("self_injury", ES, "no", "estoy", "segura", "conmigo", gap=1)
_strong("self_injury", ES, "hago|hecho|haciendo|hice", "cortes|heridas", gap=2, unless=_ACCIDENT_ES)
_strong("self_injury", ES, "=cortarme|=lastimarme|=golpearme|=quemarme|=arañarme", unless=_ACCIDENT_ES)
_weak("self_injury", ES, "hice|hago|hecho", "dano", gap=1, unless=_ACCIDENT_ES)
_weak("plan", ES, "decidido|decidida|planeado")
_weak("plan", ES, "dejado|dejar|deje", "escrito|escritas|preparado|organizado|arreglado", gap=1)
_weak("plan", ES, "esta|este", "noche|finde", gap=0)
_weak("plan", ES, "cuando", "el|se|este|esten|todos", "duerma|trabajando|fuera|salga|vaya", gap=2)
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
_strong("thoughts", ES, "pensamientos|ideas|ganas|pienso", "de|en", "hacerme|matarme|morirme|cortarme|tirarme|quitarme|desaparecer", gap=2, unless=_FEAR_OF_BIRTH_ES)

# Widened from how readers write it (issue 13e), Spain and Latin America alike.
_weak("hopeless", ES, "no", "tiene|tenia|tiene", "caso", gap=1, unless="nauseas|vomitos|ardor|dolor|pastillas|crema|remedio|remedios")
_weak("hopeless", ES, "nada|nunca", "va|vaya|iba", "mejorar|cambiar|mejor|bien", gap=3)
_strong("hopeless", ES, "no", "tiene|tenia|hay|veo", "caso|sentido|xsensex", "seguir|vivir|existir", gap=1, unless="con|intentando|tomando|lactancia|dando|probando|buscando|esperando")
_weak("hopeless", ES, "no", "encuentro|veo|le", "sentido|xsensex", gap=3)
_weak("hopeless", ES, "atrapado|atrapada|encerrada|encerrado", "vida|mi|misma|cabeza|esto", gap=3, unless="casa|lluvia|trafico|atasco|ascensor|cuarentena|nieve|calor")
_weak("hopeless", ES, "ya", "no", "puedo", gap=0, unless="dormir|comer|andar|caminar|respirar|mover|moverme|agacharme|trabajar|conducir|estar|tomar|mas|ponerme|abrochar|atarme")
_weak("burden", ES, "alivio|descanso", "para|si|que", gap=3, unless="dolor|parto|epidural|nauseas|ardor|bebe|nazca|naciera")
_strong("burden", ES, "alivio|descanso|mejor", "para", "todos|todas|ellos|familia|nadie", "no|ya", gap=4, unless="dolor|parto|epidural|nauseas|bebe|nazca|naciera")
_strong("burden", ES, "solo|nomas", "estorbo|molesto|sobro|estorbando", gap=1)
_strong("death", ES, "con", "mi|mis|nuestro", "bebe|hijo|hija|angelito|angel|nino|nina", "cielo", gap=3)
_strong("death", ES, "reunirme|irme", "con", "mi|mis", "bebe|hijo|hija|angelito|angel|nino|nina", gap=1)
_strong("death", ES, "desaparecer", "para", "siempre", gap=0)
_strong("death", ES, "=dormirme|=dormir", "para", "siempre", gap=0)
_strong("death", ES, "quitarme|quitarse", "la", "vida", gap=0)
_weak("death", ES, "no", "estar|estuviera|existiera|existir", "aqui|mas|nunca", gap=2)
_weak("means", ES, "vias", "tren", gap=2)
_weak("means", ES, "todas|toda", "las|la", _PILLS_ES, gap=1, unless="hierro|vitaminas|vitamina|folico|prenatales|yodo|calcio|receta|dia|diario|manana|noche|desayuno")
_weak("means", ES, "cinturon|cable|cordon|bufanda", "cuello|colgar|colgarme|viga|armario|barandilla", gap=6, unless="coche|asiento|seguridad|embarazo|umbilical|cuna|carrito")
_weak("means", ES, "ultimo|ultima", "piso|planta", gap=1, unless="vivo|vivimos|ascensor|escaleras|casa")
_weak("means", ES, "bañera|tina|agua", "debajo|hundirme|ahogarme|cabeza", gap=3, unless="bebe|parto|temperatura|termometro")
_strong("self_injury", ES, "me", "quemo|queme|quemado|golpeo|golpee|pego|arano|arane|rasguño|lastimo|lastime|muerdo|pellizco|corto|corte|hago", "xpurposex|cigarro|cigarros|cigarrillo|mechero|encendedor|castigarme|castigo", gap=6, unless="plancha|horno|olla|sarten|cocinando|accidente|xaccidentx")
_strong("self_injury", ES, "me", "corto|corte|cortado|quemo|quemado|arano|arañado|rasguño", "brazos|brazo|piernas|pierna|munecas|muneca|muslos|muslo|piel|barriga|tripa", gap=2, unless="pelo|unas|flequillo|cocinando|cuchillo|afeitando|depilando|plancha|horno|accidente|xaccidentx")
_weak("self_injury", ES, "me", "hago|hice", "dano", gap=2, unless=_ACCIDENT_ES)
_strong("self_injury", ES, "hago|hice|hecho", "dano", "xpurposex|queriendo", gap=3)
_strong("thoughts", ES, "miedo", "que|de|a", "hacerlo|haga|hacer|actuar", "algo|caso", gap=2)
_strong("thoughts", ES, "parte", "de", "mi", "quiere|queria", "morir*|desaparecer|hacerlo|acabar|matarme|hacerme|irme", gap=2)
_weak("thoughts", ES, "parte", "de", "mi", "quiere|queria", gap=0)
_weak("thoughts", ES, "miedo", "de|a", "hacerlo", gap=1)
_weak("plan", ES, "cuando", "se", "duerman|duerma|vayan|vaya|salga|salgan", gap=1)
_weak("plan", ES, "lo", "hago|hare|haré", gap=0, unless="bien|mal|yo|como|que|todo")
_weak("farewell", ES, "di|dado|doy|repartido|repartiendo|regalado|regale", "mis|todas", "cosas|joyas|ropa|pertenencias", gap=2, unless="bebe|hijo|hija|mayor|prima|caridad|carrito")
_strong("hopeless", ES, "salida", "a", "nada|vida|mi", gap=1)
_weak("thoughts", ES, "ganas", "de", "meter|tirarme|lanzarme|saltar|estrellar*|chocar|estampar*", gap=1, unless="alegria|gusto|emocion|felicidad|contenta|ilusion|cama|piscina|comba|agua|mar|paracaidas")
_strong("means", ES, "pasado|pase|pasando|pasé", "con", "las|los|mis", _PILLS_ES, gap=1, unless="xaccidentx|accidente|querer|sin|olvide|olvido")
_strong("self_injury", ES, "provoco|provoque|provocado|provocando|hago|hecho|hice", "heridas|cortes|quemaduras|moratones|moretones", gap=2, unless="accidente|xaccidentx|caerme|caida|resbale|cocinando|cocina|pelando|=cortando|=cuchillo|=cuchillos|plancha|horno|querer|puerta|dedo|mano")
_strong("burden", ES, "mejor|mejores|tranquilos|felices", "si", "yo|me", "desapareciera|muriera|fuera|estuviera|no", gap=2)
_weak("death", ES, "facil|mejor|sencillo", "no", "estar|existir|despertar", gap=0, unless="embarazada|casa|aqui|sola|solo|sentada|pie|en|de|con")
_weak("death", ES, "quiero", "que", "se", "acabe|termine", gap=1, unless="embarazo|nauseas|dolor|parto|semana|semanas|vomitos|ardor|tos|gripe")
_weak("hopeless", ES, "no", "quiero|puedo", "luchar", gap=2)
_weak("hopeless", ES, "agotada|harta|cansada|agotado|harto|cansado", "de", "todo", gap=0)
