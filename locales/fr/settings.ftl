# settings
### The settings page (organization, join rules, booking, mail, jobs,
### webhooks, API keys), the test message's answer, why a host cannot
### serve a booking page, and why a booking page shows no times.
# Some spaces here are non-breaking (U+00A0), as French typography wants
# before : ; ! ? » and after «: keep them when editing.

## L'organisation.
settings-org-name = Nom
settings-org-timezone = Fuseau horaire
settings-org-language = Langue par défaut
settings-org-defaults-hint = Les nouveaux membres commencent avec ce fuseau horaire et cette langue.
settings-owner-only = Seul le propriétaire peut changer le fuseau horaire et la langue : ce sont les réglages de départ des nouveaux membres.
settings-org-color = Couleur des pages publiques
settings-org-color-default = Utiliser la couleur de Convene
settings-org-color-hint = Les boutons et les liens des pages de réservation, de connexion et d'adhésion prennent cette couleur.
settings-color-darkened = { $color } est trop clair pour être lisible sur les pages ({ $ratio }:1, il faut au moins 4,5:1) ; elles utilisent donc le ton plus foncé { $used }.
settings-err-name-empty = l'organisation doit avoir un nom
settings-err-color = « { $color } » n'est pas une couleur : écrivez-la sous la forme #rrggbb

## Clés d'API.
settings-key-regenerate = Régénérer
settings-key-regenerate-named = Régénérer { $name }
settings-key-regenerate-confirm = Régénérer cette clé ? Les scripts qui utilisent l'ancienne clé cessent aussitôt de fonctionner.

## Règles d'adhésion, réservations.
settings-rules-link = Le lien public, le code d'adhésion et le QR code
settings-booking = Réservations
settings-booking-overlap-hint = Quand cette option est désactivée, les réservations d'un membre ne se chevauchent jamais, toutes pages de réservation confondues.
settings-booking-pages-link = Pages de réservation

## E-mail, tâches, webhooks, journal d'audit.
settings-mail = E-mail
settings-mail-transport = Envoi par
settings-mail-smtp = un serveur SMTP
settings-mail-file = des fichiers dans le dossier de données (rien n'est envoyé)
settings-mail-log = le journal du serveur (rien n'est envoyé)
settings-mail-destination = Où
settings-mail-from = Expéditeur
settings-mail-test-hint = Un message de test vous est envoyé tout de suite, sans passer par la file d'attente, et la page affiche la réponse du serveur de messagerie.
settings-mail-test = Envoyer un message de test maintenant
settings-jobs-last = Dernier résultat
settings-jobs-link = Lancer une tâche, voir les prochaines exécutions
settings-webhooks-count = { $count ->
    [0] Aucun webhook pour l'instant.
    [one] Un webhook.
   *[other] { $count } webhooks.
}
settings-webhooks-link = Gérer les webhooks
settings-webhook-pinged = Un appel de test est en route ; sa livraison s'affichera ici dans un instant.
settings-webhook-deleted = Le webhook est supprimé.
settings-audit-link = Chercher dans tout le journal d'audit
settings-back = ‹ Paramètres

## La réponse à un message de test.
settings-test-title = Message de test
settings-test-accepted = Le serveur de messagerie { $server } a accepté le message pour { $email }. Sa réponse :
settings-test-written = Le message a été écrit dans un fichier (mail.transport = "file") ; aucun serveur de messagerie n'a été contacté :
settings-test-logged = Le message a été écrit dans le journal du serveur (mail.transport = "log") ; aucun serveur de messagerie n'a été contacté.
settings-test-config = Les réglages de messagerie ne peuvent pas fonctionner tels qu'ils sont écrits :
settings-test-refused = Personne n'a répondu à { $server } : la connexion a été refusée. Le serveur de messagerie est-il lancé, et l'hôte et le port de mail.smtp_url sont-ils les bons ?
settings-test-timeout = { $server } n'a pas répondu en { $seconds } secondes.
settings-test-tls = Impossible d'établir une connexion sécurisée avec { $server } :
settings-test-auth = { $server } a refusé l'identification. Vérifiez le nom d'utilisateur et le mot de passe de mail.smtp_url. Sa réponse :
settings-test-rejected = { $server } a refusé le message. Sa réponse :
settings-test-other = Le message n'a pas pu être envoyé :

## Pourquoi un hôte ne peut pas assurer une page de réservation (l'éditeur de page, l'API).
host-problem-not-active = { $name } n'est pas un membre actif
host-problem-no-meeting-url = { $name } n'a pas de lien de réunion et aucun modèle de lien vidéo n'est configuré
host-problem-gone = { $name } n'est plus membre

## Pourquoi la page de réservation publique n'a pas d'horaires : une seule raison,
## pour le mois ou pour le jour choisi ($scope vaut "month" ou "day").
book-why-no-host = Cette page ne prend pas de réservations pour le moment.
book-why-past = { $scope ->
    [day] Ce jour est passé.
   *[month] Ce mois est passé.
}
book-why-notice = { $scope ->
    [day] Il faut réserver au moins { $notice } à l'avance : les horaires restants de ce jour sont trop proches.
   *[month] Il faut réserver au moins { $notice } à l'avance : les horaires restants de ce mois sont trop proches.
}
book-why-notice-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
book-why-horizon = { $days ->
    [one] On peut réserver jusqu'à { $days } jour à l'avance.
   *[other] On peut réserver jusqu'à { $days } jours à l'avance.
}
book-why-no-hours = { $scope ->
    [day] Aucune heure de travail n'est prévue ce jour-là.
   *[month] Aucune heure de travail n'est prévue ce mois-ci.
}
book-why-open-cap = Plus de nouvelles réservations pour le moment : la limite de réservations à venir est atteinte.
book-why-daily-cap = { $scope ->
    [day] La limite de réservations de ce jour est atteinte.
   *[month] La limite quotidienne de réservations est atteinte pour chaque jour libre de ce mois.
}
book-why-booked = { $scope ->
    [day] Tous les horaires de ce jour sont pris.
   *[month] Tous les horaires de ce mois sont pris.
}
host-problem-calendar-stale = Le calendrier de { $name } ne s’est pas synchronisé depuis trop longtemps : ses créneaux ne sont pas proposés
