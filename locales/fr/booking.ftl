### The booking mails, for the guest and for the hosts.
# Some spaces here are non-breaking (U+00A0), as French typography wants
# before : ; ! ? » and after «: keep them when editing.

booking-confirmed-subject-guest = Réservation confirmée : { $title } — { $when }
booking-confirmed-subject-host = Nouvelle réservation : { $title } avec { $guest } — { $when }
booking-confirmed-intro-guest = Votre réservation est confirmée.
booking-confirmed-intro-host = { $guest } a réservé « { $title } ».
booking-cancelled-subject-guest = Réservation annulée : { $title } — { $when }
booking-cancelled-subject-host = Réservation annulée : { $title } avec { $guest } — { $when }
booking-cancelled-intro-guest = Votre réservation a été annulée.
booking-cancelled-intro-host = La réservation avec { $guest } a été annulée.
booking-rescheduled-subject-guest = Réservation déplacée : { $title } — désormais { $when } (au lieu de { $previous })
booking-rescheduled-subject-host = Réservation déplacée : { $title } avec { $guest } — désormais { $when } (au lieu de { $previous })
booking-rescheduled-subject-guest-no-previous = Réservation déplacée : { $title } — désormais { $when }
booking-rescheduled-subject-host-no-previous = Réservation déplacée : { $title } avec { $guest } — désormais { $when }
booking-rescheduled-intro-guest = Votre réservation a été déplacée à un autre horaire.
booking-rescheduled-intro-host = La réservation avec { $guest } a été déplacée à un autre horaire.
booking-reminder-subject-guest = Rappel : { $title } — { $when }
booking-reminder-subject-host = Rappel : { $title } avec { $guest } — { $when }
booking-reminder-intro-guest = Nous vous rappelons votre réservation à venir.
booking-reminder-intro-host = Nous vous rappelons votre prochain rendez-vous avec { $guest }.
booking-greeting = Bonjour { $guest },
booking-label-what = Objet
booking-label-when = Date et heure
booking-label-previous = Ancien horaire
booking-label-where = Lieu
booking-label-with = Avec
booking-label-guest = Invité
booking-label-hosts = Hôtes
booking-label-notes = Remarques
booking-label-reason = Motif
booking-manage = Annuler ou déplacer
booking-open = Ouvrir la réservation
