### Un membre part : ses réservations, ses pages et ses membres externes.

## Courriels quand un autre hôte reprend une réservation au même horaire.
booking-reassigned-subject-guest = Nouvel hôte : { $title } — { $when }
booking-reassigned-subject-host = Pour vous : { $title } avec { $guest } — { $when }
booking-reassigned-intro-guest = Votre réservation garde son horaire ; une autre personne de l’équipe vous recevra.
booking-reassigned-intro-host = La réservation avec { $guest } vous revient, au même horaire.

## Pourquoi une réservation a son hôte.
bkadm-why-reassigned = Réattribuée au départ de son hôte
bkadm-why-reassigned-fewest = Réattribuée par répartition tournante au départ de son hôte (le moins de réservations sur la période : { $bookings })

## Pour les administrateurs et les invités.
dep-cancel-reason = L’hôte a quitté l’organisation.
dep-page-without-hosts = « { $title } » n’a plus d’hôte depuis le départ de { $name } et a été désactivée
dep-kind-page-without-hosts = Une page de réservation a perdu son dernier hôte
err-departure-decisions = Décidez d’abord du sort de { $bookings ->
    [one] une réservation
   *[other] { $bookings } réservations
} et de { $externals ->
    [one] un membre externe
   *[other] { $externals } membres externes
} ; rien n’a été modifié.

## La page de départ.
dep-title = Départ de { $name }
dep-back = Tous les membres
dep-intro = Avant le départ de { $name }, décidez du sort de ce qui lui revient. Rien ne change avant votre confirmation, puis tout change d’un coup.
dep-bookings = { $count ->
    [one] Une réservation à venir
   *[other] { $count } réservations à venir
}
dep-no-bookings = Aucune réservation à venir.
dep-col-when = Quand
dep-col-page = Page
dep-col-what = Ce qui se passe
dep-goes-to = Revient à { $name } par répartition tournante
dep-choose = Choisir…
dep-cancel = L’annuler, avec courriels
dep-reassign-to = La confier à { $name }
dep-not-free = Ce membre n’est pas libre à ce moment ; choisissez quelqu’un d’autre ou annulez.
dep-reason = Motif donné aux invités des réservations annulées
dep-pages = Pages de réservation quittées
dep-page-off = désactivée : plus d’hôte
dep-externals = Membres externes dont ce membre est responsable
dep-externals-to = Nouveau membre responsable
dep-calendars = Son flux de calendrier et ses { $calendars } calendriers connectés sont supprimés.
dep-terminate = Retirer { $name }
