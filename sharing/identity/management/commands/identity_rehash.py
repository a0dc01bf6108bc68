"""Recompute every identifier hash with the current key (IDENTITY_HASH_KEY_ID)."""

from django.core.management.base import BaseCommand

from sharing.identity.services import identity_rehash


class Command(BaseCommand):
    help = (
        "Recompute the keyed hashes of every case's client with the current key: after a key "
        "rotation (then the old key may be dropped), or to fill the table for older cases."
    )

    def handle(self, *args, **options):
        written = identity_rehash()
        self.stdout.write(f"{written} identifier hashes written.")
