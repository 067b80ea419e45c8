### The signed-in organization pages: dashboard, settings, webhooks, the
### mail queue and jobs, notifications, the schedule editor.
# Some spaces here are non-breaking (U+00A0), as French typography wants
# before : ; ! ? » and after «: keep them when editing.

## Partagés par plusieurs pages.
org-when-utc = Date (UTC)
org-duration-ms = { $ms } ms
org-delete = Supprimer
org-save = Enregistrer
org-saved = Enregistré.

## Les rôles.
org-role-owner = propriétaire
org-role-admin = administrateur
org-role-manager = responsable
org-role-member = membre
org-role-restricted = membre restreint

## Le tableau de bord.
org-dashboard-title = Tableau de bord
org-dashboard-welcome = Bienvenue, { $name }. Vous êtes { $role } de { $org }.

## Membres externes.
org-external-title = Membres externes
org-external-empty = Aucun membre externe pour l’instant.
org-external-explained = Les membres externes sont des personnes extérieures à l’organisation qui saisissent des dates possibles sans compte.

## Paramètres.
org-settings-title = Paramètres
org-settings-organization = Organisation
org-settings-api-keys = Clés d’API
org-settings-api-keys-explained = Les scripts appellent l’API JSON avec { $header }. Une clé agit en votre nom.
org-settings-key-once = Copiez cette clé maintenant : elle n’est affichée qu’une fois.
org-settings-key-name = Nom
org-settings-key-prefix = Début de la clé
org-settings-key-created = Créée le
org-settings-revoke-confirm = Révoquer cette clé ? Les scripts qui l’utilisent cessent aussitôt de fonctionner.
org-settings-revoke = Révoquer
org-settings-new-key-name = Nom de la nouvelle clé
org-settings-create-key = Créer la clé
org-settings-audit = Journal d’audit
org-settings-audit-empty = Rien pour l’instant.
org-settings-audit-who = Qui
org-settings-audit-what = Quoi
org-settings-audit-target = Cible
org-settings-audit-system = système

## Webhooks.
org-webhooks-title = Webhooks
org-webhooks-explained = Convene envoie par POST un corps JSON { $body } à chaque URL, signé dans l’en-tête { $header } avec le secret du webhook.
org-webhooks-created = Webhook créé. Copiez son secret de signature maintenant : il n’est affiché qu’une fois.
org-webhooks-events-of = Événements : { $events }
org-webhooks-no-deliveries = Aucun envoi pour l’instant.
org-webhooks-event = Événement
org-webhooks-status = Statut
org-webhooks-time = Durée
org-webhooks-ping = Envoyer un ping
org-webhooks-delete-confirm = Supprimer ce webhook ?
org-webhooks-add-title = Ajouter un webhook
org-webhooks-url = URL
org-webhooks-events = Événements
org-webhooks-add = Ajouter le webhook

## La file d’envoi des e-mails.
org-mail-title = File d’envoi
org-mail-test-sent = Un message de test à { $email } est en route.
org-mail-tab-failed = Échecs ({ $count })
org-mail-tab-queued = En attente ({ $count })
org-mail-tab-sent = Envoyés ({ $count })
org-mail-tab-held = Retenus ({ $count })
org-mail-held-note = Ces messages attendaient dans la sauvegarde restaurée. Certains sont peut-être déjà partis du serveur où la sauvegarde a été faite. Supprimez ceux qui ne doivent pas partir deux fois, puis envoyez les autres.
org-mail-release = { $count ->
    [one] Envoyer le message retenu
   *[other] Envoyer les { $count } messages retenus
}
org-mail-empty = Aucun message ici.
org-mail-created = Créé le (UTC)
org-mail-to = Destinataire
org-mail-subject = Objet ou événement
org-mail-attempts = Tentatives
org-mail-last-error = Dernière erreur
org-mail-retry = Réessayer
org-mail-drop-confirm = Abandonner ce message ? Il ne sera pas envoyé.
org-mail-drop = Abandonner
org-mail-send-test = M’envoyer un message de test

## Les tâches planifiées.
org-jobs-title = Tâches planifiées
org-jobs-job = Tâche
org-jobs-schedule = Planification
org-jobs-last-run = Dernière exécution (UTC)
org-jobs-outcome = Résultat
org-jobs-next-run = Prochaine exécution (UTC)
org-jobs-never = jamais
org-jobs-running = en cours…
org-jobs-run-now = Lancer maintenant
org-job-outbox-sweep = Relance l’envoi des e-mails à réessayer ; supprime les anciens messages envoyés
org-job-token-cleanup = Supprime les sessions et jetons expirés
org-job-admin-digest = Envoie aux administrateurs les approbations en attente et les e-mails en échec
org-job-booking-reminders = Envoie les rappels de réservation arrivés à échéance

## Notifications.
org-notifications-title = Notifications
org-notifications-empty = Rien pour l’instant. Les réservations, approbations et importations apparaîtront ici.
org-notifications-read-all = Tout marquer comme lu
org-notifications-what = Quoi
org-notifications-new = nouveau
org-notifications-open = Ouvrir
org-notifications-choose = Choisir comment être notifié
org-notification-test = Notification de test
org-notification-pending = { $who } attend une approbation
org-notification-import = Importation terminée : { $invited ->
    [one] { $invited } invité
   *[other] { $invited } invités
}, { $skipped ->
    [one] { $skipped } ignoré
   *[other] { $skipped } ignorés
}, { $errors } en erreur

## Préférences de notification.
org-prefs-title = Paramètres de notification
org-prefs-notify-me = Me prévenir quand…
org-prefs-email = E-mail
org-prefs-in-app = Dans l’application
org-prefs-webhook = Webhook
org-prefs-aria-email = { $kind } : e-mail
org-prefs-aria-in-app = { $kind } : dans l’application
org-prefs-aria-webhook = { $kind } : webhook
org-prefs-webhook-url = URL de webhook (par exemple un hook Slack ou Zapier)
org-prefs-send-test = M’envoyer une notification de test
org-kind-booking-created = Une réservation est faite
org-kind-booking-changed = Une réservation est déplacée
org-kind-booking-cancelled = Une réservation est annulée
org-kind-external-dates = Un membre externe a saisi des dates
org-kind-member-pending = Quelqu’un attend une approbation
org-kind-import-finished = Une importation est terminée
org-kind-test = Notifications de test

## Le planning d’un membre.
org-schedule-title = Planning de { $name }
org-schedule-timezone = Fuseau horaire
org-schedule-open-cap = Plafond de réservations à venir (vide : aucun plafond)
org-schedule-save = Enregistrer le planning
org-schedule-unavailability = Indisponibilités
org-schedule-none = Aucune.
org-schedule-from = Du
org-schedule-to = au
org-schedule-reason-placeholder = Motif (par ex. arrêt maladie)
org-schedule-reason = Motif
org-schedule-add = Ajouter
org-schedule-in-zone = (dans le fuseau horaire du membre, { $zone })
org-schedule-whole-number = un nombre entier
org-schedule-date-time = une date et une heure (une date entre 1970 et 2200)
org-schedule-out-of-range = hors limites

## Ce qu’a fait une tâche planifiée.
job-outcome-swept = { $queued } en attente, { $failed } en échec, { $purged ->
    [one] { $purged } ancien message envoyé supprimé
   *[other] { $purged } anciens messages envoyés supprimés
}
job-outcome-sessions = { $sessions ->
    [one] { $sessions } session expirée supprimée
   *[other] { $sessions } sessions expirées supprimées
}
job-outcome-digests = { $digests ->
    [one] { $digests } récapitulatif mis en file
   *[other] { $digests } récapitulatifs mis en file
}
job-outcome-reminders = { $reminders ->
    [one] { $reminders } rappel mis en file
   *[other] { $reminders } rappels mis en file
}
job-outcome-no-calendar-sync = pas de synchronisation d’agendas ici
job-outcome-calendars = { $synced } agendas lus, { $unchanged } inchangés, { $failed } en échec, { $stale } devenus obsolètes
job-outcome-backup = { $file } écrit ({ $rows } lignes, { $bytes } octets) ; { $removed } anciennes sauvegardes supprimées
job-outcome-failed = échec : { $error }
job-outcome-panicked = la tâche s’est arrêtée sur une erreur interne : { $message }
org-job-backup = Écrit une sauvegarde à chaud et garde les plus récentes ([backup] keep)
