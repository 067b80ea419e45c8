# feeds: the members' and booking pages' read-only calendar feeds
err-feed-not-yours = Seuls le membre et les administrateurs peuvent voir ou modifier le flux de réservations d’un membre.
err-feed-page-not-yours = Seuls les hôtes de la page et les administrateurs peuvent voir ou modifier son flux de réservations.

feed-calendar-name = Convene — { $name }
feed-summary = { $title } : { $guest }
feed-guest = Invité : { $name } <{ $email }>
feed-answer = { $label } : { $value }
feed-notes = Notes : { $notes }
feed-cancel-reason = Annulé : { $reason }
feed-manage = Gérer : { $url }

feed-title-own = Votre flux de réservations
feed-title = Flux de réservations
feed-explained = Abonnez-vous à cette adresse dans votre application d’agenda pour y voir vos réservations. Elle se met à jour environ toutes les 15 minutes et ne peut pas être modifiée depuis l’application.
feed-address = Adresse du flux
feed-copy = Copier l’adresse
feed-copied = Adresse copiée.
feed-subscribe = Ouvrir dans l’application d’agenda (webcal://)
feed-last-used = Dernière lecture
feed-never = jamais
feed-help = Comment s’abonner
feed-help-google = Google Agenda : Autres agendas, +, À partir de l’URL, puis collez l’adresse.
feed-help-outlook = Outlook : Ajouter un calendrier, S’abonner à partir du web, puis collez l’adresse.
feed-help-apple = Calendrier d’Apple : Fichier, Nouvel abonnement à un calendrier, puis collez l’adresse (ou utilisez le lien webcal://).
feed-secret = Toute personne qui connaît cette adresse peut lire vos réservations. Si elle a été partagée par erreur, demandez une nouvelle adresse : l’ancienne cesse aussitôt de fonctionner.
feed-rotate = Obtenir une nouvelle adresse
feed-rotate-confirm = L’adresse actuelle cessera aussitôt de fonctionner et chaque agenda abonné devra recevoir la nouvelle. Continuer ?
feed-rotated = Le flux a une nouvelle adresse ; l’ancienne ne fonctionne plus.
feed-col-used = Flux utilisé
