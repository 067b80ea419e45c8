### La page du journal d’audit.

audit-title = Journal d’audit
audit-actor = Qui
audit-anyone = Tout le monde
audit-system = Le système
audit-action = Action
audit-from = Du
audit-to = Au
audit-filter = Filtrer
audit-zone = Heures en { $zone }.
audit-empty = Aucune entrée ne correspond à ces filtres.
audit-when = Quand
audit-target = Sur
audit-detail = Détails
audit-pages = Pages du journal d’audit
audit-newest = ← Entrées les plus récentes
audit-older = Entrées plus anciennes →
audit-bad-date = Une date s’écrit comme 2027-03-15 ; ce filtre a été ignoré.
