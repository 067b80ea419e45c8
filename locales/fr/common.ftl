### Texts shared by every part of the product.
# Some spaces here are non-breaking (U+00A0), as French typography wants
# before : ; ! ? » and after «: keep them when editing.

label-separator = { "\u00A0: " }

## Le cadre des pages.
layout-skip = Aller au contenu
layout-main-nav = Principale
layout-language = Langue
layout-col-actions = Actions
layout-col-status = État
nav-members = Membres
nav-booking-pages = Pages de réservation
nav-bookings = Réservations
nav-external-members = Membres externes
nav-settings = Paramètres
nav-notifications = Notifications
nav-unread = { $count ->
    [one] { $count } non lue
   *[other] { $count } non lues
}
nav-sign-out = Se déconnecter

## Pages d’erreur.
error-title-not-found = Page introuvable
error-title-forbidden = Accès refusé
error-title-gone = Ce lien n’est plus valide
error-title-rate-limited = Trop de tentatives
error-title-internal = Un problème est survenu
error-title-other = Cela n’a pas fonctionné
error-start-page = Aller à la page d’accueil
