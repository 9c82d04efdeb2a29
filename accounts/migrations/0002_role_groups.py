"""Create the five role groups of DESIGN §1. Their permissions are synced after every migrate
(accounts.roles.sync_role_permissions), since they name models of later apps."""

from django.db import migrations

ROLE_GROUPS = ["Sagsbehandler", "Døgnbehandler", "Ambulant behandler", "Leder", "Administrator"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        Group.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_groups, remove_groups)]
