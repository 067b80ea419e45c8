### booking_admin pages: booking pages and bookings, as members manage them.
# Some spaces here are non-breaking (U+00A0), as French typography wants
# before : ; ! ? » and after «: keep them when editing.

## Shared by both lists.
bkadm-all-hosts = Tous les hôtes
bkadm-filter = Filtrer
bkadm-filter-host = Hôte
bkadm-former-member = (ancien membre)
bkadm-state-confirmed = Confirmée
bkadm-state-cancelled = Annulée

## What a change tells afterwards.
bkadm-done-created = Page de réservation créée. Partagez son lien avec vos invités.
bkadm-done-saved = Enregistré.
bkadm-done-enabled = La page accepte de nouveau des réservations.
bkadm-done-disabled = La page est désactivée : son lien indique désormais aux invités qu’elle n’accepte plus de réservations.
bkadm-done-deleted = Page de réservation supprimée. Ses réservations passées restent consultables dans Réservations.
bkadm-done-settings = Paramètres de réservation enregistrés.
bkadm-done-cancelled = La réservation est annulée ; l’invité et les hôtes en sont informés par e-mail.
bkadm-done-rescheduled = La réservation a été déplacée ; l’invité et les hôtes reçoivent le nouvel horaire par e-mail.

## The list of booking pages.
bkadm-pages-title = Pages de réservation
bkadm-pages-search = Rechercher des pages de réservation
bkadm-pages-search-placeholder = Titre ou adresse
bkadm-pages-filter-enabled = Activation
bkadm-pages-on-and-off = Actives et inactives
bkadm-pages-taking-bookings = Accepte des réservations
bkadm-pages-switched-off = Désactivée
bkadm-pages-filter-assignment = Attribution
bkadm-pages-any-assignment = Toute attribution
bkadm-pages-col-title = Titre
bkadm-pages-col-link = Lien public
bkadm-pages-col-duration = Durée
bkadm-pages-col-assignment = Attribution
bkadm-pages-col-hosts = Hôtes
bkadm-pages-col-enabled = Active
bkadm-pages-col-actions = Actions
bkadm-pages-minutes = { $count } min
bkadm-pages-on = Active
bkadm-pages-off = Inactive
bkadm-pages-edit = Modifier
bkadm-pages-disable = Désactiver
bkadm-pages-enable = Activer
bkadm-pages-allow-overlap = Autoriser les réservations qui se chevauchent (les réservations d’un hôte peuvent se chevaucher d’une page à l’autre)
bkadm-pages-save-setting = Enregistrer le paramètre
bkadm-pages-empty = Aucune page de réservation pour l’instant.
bkadm-pages-empty-hint = Une page de réservation donne aux invités un lien où ils choisissent un créneau libre avec vous ou votre équipe.
bkadm-pages-new = Nouvelle page de réservation
bkadm-pages-none-match = Aucune page de réservation ne correspond à ces filtres.
bkadm-pages-show-all = Tout afficher
bkadm-pages-org-settings = Paramètres de l’organisation

## How hosts are assigned, kinds of location and of questions.
bkadm-assign-single = Un seul hôte
bkadm-assign-collective = Collective (tous les hôtes participent)
bkadm-assign-round-robin = Tour à tour (un hôte disponible)
bkadm-location-none = Aucun lieu
bkadm-location-in-person = En personne
bkadm-location-phone = Téléphone
bkadm-location-video = Vidéo
bkadm-kind-short-text = Texte court
bkadm-kind-long-text = Texte long
bkadm-kind-single-choice = Choix unique

## The booking page form.
bkadm-form-edit-title = Modifier « { $title } »
bkadm-form-fix-fields = Veuillez corriger les champs signalés.
bkadm-form-back = ← Toutes les pages de réservation
bkadm-form-save = Enregistrer les modifications
bkadm-form-create = Créer la page de réservation
bkadm-form-page = Page
bkadm-form-title = Titre
bkadm-form-slug = Adresse
# $link is the page's public address, shown as code.
bkadm-form-slug-hint = Lettres minuscules, chiffres et tirets. Les invités réservent à l’adresse { $link }
bkadm-form-description = Description (affichée aux invités)
bkadm-form-taking-bookings = Accepte des réservations
bkadm-form-timing = Horaires
bkadm-form-duration = Durée (minutes)
bkadm-form-step = Intervalle entre créneaux (minutes ; vide : la durée)
bkadm-form-buffer-before = Marge avant (minutes)
bkadm-form-buffer-after = Marge après (minutes)
bkadm-form-notice = Délai minimal (minutes)
bkadm-form-horizon = Réservable jusqu’à (jours à l’avance)
bkadm-form-location = Lieu
bkadm-form-location-kind = Type
bkadm-form-location-value = Adresse, numéro de téléphone ou lien vidéo
bkadm-form-location-hint = Pour la vidéo, laissez le lien vide pour utiliser l’URL de réunion de chaque hôte (ou un lien généré).
bkadm-form-hosts = Hôtes
bkadm-form-assignment = Attribution
bkadm-form-host-status = État des hôtes
bkadm-form-can-serve = disponible
bkadm-form-host-gone = { $id } n’est plus membre
bkadm-form-questions = Questions pour l’invité
bkadm-form-questions-hint = Le nom et l’adresse e-mail sont toujours demandés. Une ligne sans libellé est ignorée ; les options s’écrivent une par ligne et ne servent qu’au choix unique. Enregistrez pour obtenir deux lignes vides de plus.
bkadm-form-col-label = Libellé
bkadm-form-col-kind = Type
bkadm-form-col-options = Options
bkadm-form-col-required = Obligatoire
bkadm-form-question-label = Libellé de la question { $number }
bkadm-form-question-kind = Type de la question { $number }
bkadm-form-question-options = Options de la question { $number }
bkadm-form-question-required = Question { $number } obligatoire
bkadm-form-delete = Supprimer cette page
bkadm-form-delete-hint = Son adresse /book/{ $slug } cesse de fonctionner et redevient libre. Les réservations passées et à venir restent consultables dans Réservations (annulez-les là si nécessaire).
bkadm-form-delete-button = Supprimer définitivement « { $title } »

## What the booking page form refuses.
bkadm-err-whole-number = un nombre entier
bkadm-err-pick-assignment = choisissez comment les hôtes sont attribués
bkadm-err-pick-location = choisissez un type de lieu
bkadm-err-pick-kind = choisissez un type

## The list of bookings.
bkadm-bookings-title = Réservations
bkadm-bookings-bad-date = Les dates s’écrivent comme 2027-03-15 ; la date incorrecte a été ignorée.
bkadm-bookings-filter-page = Page de réservation
bkadm-bookings-all-pages = Toutes les pages
bkadm-bookings-from = Du
bkadm-bookings-to = au
bkadm-bookings-filter-state = État
bkadm-bookings-any-state = Confirmées et annulées
bkadm-bookings-times-in = Heures en { $zone }. Sans dates, la liste montre ce qui est encore à venir.
bkadm-bookings-empty = Aucune réservation ici.
bkadm-bookings-empty-hint = Quand des invités réservent l’une de vos pages, leurs réservations apparaissent dans cette liste.
bkadm-bookings-to-pages = Aller à vos pages de réservation
bkadm-bookings-col-when = Quand
bkadm-bookings-col-page = Page
bkadm-bookings-col-guest = Invité
bkadm-bookings-col-hosts = Hôtes
bkadm-bookings-col-state = État
bkadm-bookings-col-detail = Détail
bkadm-bookings-open = Ouvrir
bkadm-bookings-more = Plus de réservations
bkadm-bookings-first-page = ← Première page
bkadm-bookings-next = { $count ->
    [one] { $count } suivante →
   *[other] { $count } suivantes →
}

## A booking's detail.
bkadm-detail-title = { $page } avec { $guest }
bkadm-detail-back = ← Toutes les réservations
bkadm-detail-bad-day = une date s’écrit comme 2027-03-15 ; voici les créneaux de demain
bkadm-detail-when = Quand
bkadm-detail-for-guest = Pour l’invité : { $when }
bkadm-detail-state = État
bkadm-detail-page = Page de réservation
bkadm-detail-guest = Invité
bkadm-detail-hosts = Hôtes
bkadm-detail-location = Lieu
bkadm-detail-none-given = Non précisé
bkadm-detail-why-host = Pourquoi cet hôte
bkadm-why-fewest = Le moins de réservations sur la période ({ $bookings })
bkadm-why-fewest-tied = Le moins de réservations sur la période ({ $bookings }), à égalité avec { $others ->
    [one] un autre hôte
   *[other] { $others } autres hôtes
} ; attend depuis le plus longtemps sa dernière réservation
bkadm-detail-notes = Remarques
bkadm-detail-none = Aucune
bkadm-detail-cancelled-by = Annulée par
bkadm-detail-by-guest = l’invité
bkadm-detail-reason = Motif
bkadm-detail-sequence = Séquence
bkadm-detail-sequence-hint = (modifications envoyées par e-mail jusqu’ici)
bkadm-detail-booked = Réservée le
bkadm-detail-move = Déplacer à un autre horaire
bkadm-detail-day = Jour
bkadm-detail-show-times = Afficher les créneaux libres
bkadm-detail-no-time = Aucun créneau libre ce jour-là pour les hôtes de cette réservation. Essayez un autre jour.
bkadm-detail-pick-start = Choisissez le nouveau début ({ $zone }) :
bkadm-detail-not-movable-cancelled = Une réservation annulée ne peut pas être déplacée.
bkadm-detail-not-movable-page-gone = Sa page de réservation a été supprimée ; annulez-la et réservez de nouveau.
bkadm-detail-cancel = Annuler
bkadm-detail-cancel-reason = Motif (envoyé à l’invité ; facultatif)
bkadm-detail-cancel-button = Annuler cette réservation
