"""
A starter glossary of pregnancy terms with plain alternatives, in English and
Spanish, and the editors' permissions for the plain-language tools.

Editors change and extend the glossary in the admin; the migration only adds
terms that are not there yet and, reversed, removes only the terms it added
that nobody has changed.
"""

from django.db import migrations

from healthinfo.migrations._roles import ensure_permissions, grant, revoke

# (term, other forms, plain alternatives, note)
GLOSSARY = {
    "en": [
        ("effacement", ["effaced"], ["shortening", "thinning"], ""),
        ("cerclage", ["cerclages", "cervical cerclage"], ["stitch"], ""),
        (
            "cervical insufficiency",
            [],
            ["weak cervix"],
            "The page's own name: say 'weak cervix' too.",
        ),
        ("incompetent cervix", [], ["weak cervix"], "Many readers find 'incompetent' hurtful."),
        ("cervix", [], ["neck of the womb", "opening of the womb"], "Explain it once on the page."),
        ("uterus", ["uterine"], ["womb"], ""),
        ("fetus", ["foetus", "fetuses", "foetuses"], ["baby"], ""),
        ("fetal movements", ["foetal movements"], ["baby's movements", "baby moving"], ""),
        ("gestation", [], ["pregnancy"], ""),
        ("gestational age", [], ["weeks pregnant", "weeks of pregnancy"], ""),
        ("preterm", ["pre-term"], ["early", "premature"], ""),
        ("amniotic fluid", [], ["waters", "fluid around the baby"], ""),
        (
            "rupture of membranes",
            ["ruptured membranes", "PROM", "PPROM"],
            ["waters breaking", "waters break", "waters broke"],
            "",
        ),
        ("dilation", ["dilatation", "dilated", "dilate"], ["opening", "opens"], ""),
        ("hypertension", ["hypertensive"], ["high blood pressure"], ""),
        (
            "pre-eclampsia",
            ["preeclampsia"],
            ["high blood pressure"],
            "Say what it is the first time.",
        ),
        ("haemorrhage", ["hemorrhage", "haemorrhaging", "hemorrhaging"], ["heavy bleeding"], ""),
        ("antenatal", ["prenatal"], ["before birth", "pregnancy care"], ""),
        ("postnatal", ["postpartum"], ["after the birth", "after birth"], ""),
        ("analgesia", ["analgesic", "analgesics"], ["pain relief", "painkillers"], ""),
        ("oedema", ["edema"], ["swelling"], ""),
        ("transvaginal", [], ["internal scan", "inside the vagina"], ""),
        ("ultrasound", ["sonography"], ["scan"], ""),
        ("tocolytics", ["tocolytic", "tocolysis"], ["medicine to slow labour", "delay labour"], ""),
        ("corticosteroids", ["corticosteroid", "antenatal steroids"], ["steroid injections"], ""),
        ("placenta praevia", ["placenta previa"], ["low-lying placenta"], ""),
        ("intrauterine", [], ["in the womb"], ""),
        ("perinatal", [], ["around the time of birth"], ""),
        ("neonatal", [], ["newborn"], ""),
        (
            "obstetrician",
            ["obstetricians"],
            ["pregnancy doctor", "doctor who cares for you in pregnancy"],
            "",
        ),
        ("asymptomatic", [], ["no symptoms", "without symptoms"], ""),
        ("prophylactic", ["prophylaxis"], ["to prevent", "preventive"], ""),
        ("contraindicated", [], ["not safe", "should not be used"], ""),
    ],
    "es": [
        ("borramiento", ["borrado"], ["acortamiento", "se acorta"], ""),
        ("cerclaje", ["cerclajes", "cerclaje cervical"], ["punto", "puntos"], ""),
        (
            "insuficiencia cervical",
            [],
            ["cuello uterino débil", "cuello del útero débil"],
            "El nombre de la página: di también «cuello del útero débil».",
        ),
        ("incompetencia cervical", [], ["cuello uterino débil", "cuello del útero débil"], ""),
        ("cérvix", ["cervix"], ["cuello del útero", "cuello uterino"], ""),
        ("feto", ["fetos", "fetal"], ["bebé"], ""),
        ("gestación", ["gestaciones"], ["embarazo"], ""),
        ("edad gestacional", [], ["semanas de embarazo"], ""),
        ("pretérmino", ["pre-término"], ["prematuro", "antes de tiempo"], ""),
        ("líquido amniótico", [], ["aguas", "líquido que rodea al bebé"], ""),
        (
            "rotura de membranas",
            ["ruptura de membranas", "rotura prematura de membranas", "RPM"],
            ["romper aguas", "rompe aguas", "romper la bolsa", "se rompe la bolsa"],
            "",
        ),
        ("dilatación", ["dilatado", "dilatada"], ["apertura", "se abre"], ""),
        ("hipertensión", ["hipertensa", "hipertenso"], ["presión alta", "tensión alta"], ""),
        (
            "preeclampsia",
            ["pre-eclampsia"],
            ["presión alta", "tensión alta"],
            "Explica qué es la primera vez.",
        ),
        ("hemorragia", ["hemorragias"], ["sangrado abundante", "sangrado fuerte"], ""),
        ("prenatal", ["prenatales", "antenatal"], ["antes del parto", "durante el embarazo"], ""),
        ("posparto", ["postparto", "puerperio"], ["después del parto"], ""),
        ("analgesia", ["analgésico", "analgésicos"], ["alivio del dolor", "calmantes"], ""),
        ("edema", ["edemas"], ["hinchazón"], ""),
        ("transvaginal", [], ["ecografía interna", "por dentro de la vagina"], ""),
        (
            "tocolíticos",
            ["tocolítico", "tocolisis"],
            ["medicamentos para frenar el parto", "frenar el parto"],
            "",
        ),
        (
            "corticoides",
            ["corticoide", "corticosteroides"],
            ["inyecciones de corticoides para los pulmones del bebé", "maduren los pulmones"],
            "",
        ),
        ("placenta previa", [], ["placenta baja"], ""),
        ("intrauterino", ["intrauterina"], ["dentro del útero", "dentro de la matriz"], ""),
        ("perinatal", [], ["alrededor del parto"], ""),
        ("neonatal", ["neonatales"], ["del recién nacido", "recién nacido"], ""),
        ("asintomático", ["asintomática", "asintomáticos", "asintomáticas"], ["sin síntomas"], ""),
        ("profiláctico", ["profiláctica", "profilaxis"], ["para prevenir", "preventivo"], ""),
        ("contraindicado", ["contraindicada"], ["no es seguro", "no se debe usar"], ""),
    ],
}

EDITORS = [
    *(f"healthinfo.{action}_glossaryterm" for action in ("add", "change", "delete", "view")),
    *(f"healthinfo.{action}_readabilitytarget" for action in ("add", "change", "delete", "view")),
    "healthinfo.view_readabilityscore",
]
REVIEWERS = ["healthinfo.view_glossaryterm", "healthinfo.view_readabilityscore"]


def add_glossary(apps, schema_editor):
    GlossaryTerm = apps.get_model("healthinfo", "GlossaryTerm")
    for language, terms in GLOSSARY.items():
        for term, forms, plain, note in terms:
            GlossaryTerm.objects.get_or_create(
                language=language,
                term=term,
                defaults={
                    "other_forms": "\n".join(forms),
                    "plain_alternatives": "\n".join(plain),
                    "note": note,
                },
            )


def remove_glossary(apps, schema_editor):
    GlossaryTerm = apps.get_model("healthinfo", "GlossaryTerm")
    for language, terms in GLOSSARY.items():
        for term, forms, plain, note in terms:
            GlossaryTerm.objects.filter(
                language=language,
                term=term,
                other_forms="\n".join(forms),
                plain_alternatives="\n".join(plain),
                note=note,
            ).delete()


def add_permissions(apps, schema_editor):
    ensure_permissions(apps, ["healthinfo"])
    grant(apps, "Editors", EDITORS)
    grant(apps, "Medical reviewers", REVIEWERS)


def remove_permissions(apps, schema_editor):
    revoke(apps, "Editors", EDITORS)
    revoke(apps, "Medical reviewers", REVIEWERS)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("healthinfo", "0010_plain_language_and_figure_renditions"),
    ]

    operations = [
        migrations.RunPython(add_glossary, remove_glossary),
        migrations.RunPython(add_permissions, remove_permissions),
    ]
