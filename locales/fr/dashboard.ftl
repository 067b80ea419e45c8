# dashboard: the start page, and the lines that say what a list is filtered by
# Some spaces here are non-breaking (U+00A0), as French typography wants
# before : ; ! ? » and after «: keep them when editing.

## The organization at a glance (owners and admins)
dash-org-heading = Votre organisation
dash-active = Membres actifs
dash-pending = En attente d’approbation
dash-invited = Invitations pas encore acceptées
dash-bookings-week = Réservations de la semaine
dash-failed-mail = E-mails qui n’ont pas pu partir
dash-calendar-errors = Agendas en erreur de synchronisation
dash-alone = Vous êtes pour l’instant le seul membre.
dash-alone-hint = Invitez vos collègues : ils pourront recevoir des réservations et tenir leurs propres horaires.

## A host's own part
dash-next-heading = Vos prochaines réservations
dash-booking-with = { $page } avec { $guest }
dash-times-in = Heures affichées en { $zone }.
dash-all-bookings = Toutes vos réservations
dash-all-bookings-more = Toutes vos réservations, il y en a d’autres
dash-no-bookings = Personne n’a encore réservé avec vous.
dash-no-bookings-hint = Partagez l’adresse de l’une de vos pages de réservation : ce que réservent les invités s’affichera ici.
dash-to-pages = Vos pages de réservation
dash-setup-heading = Prochaines étapes
dash-setup-hours = { $link } : les invités ne peuvent réserver que sur ces plages.
dash-setup-hours-link = Indiquez vos horaires de travail
dash-setup-meeting-url = { $link } : { $count ->
    [one] { $pages } est une visioconférence et en a besoin.
   *[other] { $pages } sont des visioconférences et en ont besoin.
}
dash-setup-meeting-url-link = Ajoutez votre lien de réunion

## Everyone
dash-notifications-heading = Notifications
dash-unread = { $count ->
    [one] Vous avez une notification non lue.
   *[other] Vous avez { $count } notifications non lues.
}
dash-no-unread = Aucune notification non lue.
dash-open-notifications = Voir toutes les notifications
dash-directory-hint = Retrouvez vos collègues et leurs coordonnées professionnelles dans l’{ $link }.
dash-directory = annuaire des membres

## Filtered lists
dash-filtered-by = Filtré par { $filters }.
dash-filter-part = { $label } : « { $value } »
dash-filter-search = recherche
dash-filter-clear = Effacer les filtres
dash-list-separator = {", "}
dash-week-filter = Réservations de la semaine du { $from } au { $to } ({ $zone }).
dash-week-clear = Afficher toutes les réservations à venir
dash-external = Membres externes
dash-external-awaiting = Membres externes dont les dates sont attendues
