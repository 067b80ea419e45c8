# settings
### The settings page (organization, join rules, booking, mail, jobs,
### webhooks, API keys), the test message's answer, why a host cannot
### serve a booking page, and why a booking page shows no times.
# Some spaces here are non-breaking (U+00A0), as French typography wants
# before : ; ! ? » and after «: keep them when editing.

## Pourquoi un hôte ne peut pas assurer une page de réservation (l'éditeur de page, l'API).
host-problem-not-active = { $name } n'est pas un membre actif
host-problem-no-meeting-url = { $name } n'a pas de lien de réunion et aucun modèle de lien vidéo n'est configuré
host-problem-gone = { $name } n'est plus membre
