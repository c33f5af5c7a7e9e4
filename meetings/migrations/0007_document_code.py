# Each issued document gets a verification code; those issued before get one too.

import secrets

from django.db import migrations, models

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_code(taken: set[str]) -> str:
    while True:
        raw = "".join(secrets.choice(ALPHABET) for _ in range(10))
        code = f"{raw[:5]}-{raw[5:]}"
        if code not in taken:
            taken.add(code)
            return code


def give_codes(apps, schema_editor):
    Document = apps.get_model("meetings", "Document")
    HistoricalDocument = apps.get_model("meetings", "HistoricalDocument")
    taken: set[str] = set()
    for document in Document.objects.filter(code__isnull=True).only("pk"):
        code = new_code(taken)
        Document.objects.filter(pk=document.pk).update(code=code)
        HistoricalDocument.objects.filter(id=document.pk).update(code=code)


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0006_pledge_signed_at_the_meeting"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="code",
            field=models.CharField(max_length=11, null=True, verbose_name="verification code"),
        ),
        migrations.AddField(
            model_name="historicaldocument",
            name="code",
            field=models.CharField(
                db_index=True, max_length=11, null=True, verbose_name="verification code"
            ),
        ),
        migrations.RunPython(give_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="document",
            name="code",
            field=models.CharField(max_length=11, unique=True, verbose_name="verification code"),
        ),
        migrations.AlterField(
            model_name="historicaldocument",
            name="code",
            field=models.CharField(db_index=True, max_length=11, verbose_name="verification code"),
        ),
    ]
