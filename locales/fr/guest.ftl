### guest pages: the public booking page, the guest's own booking,
### joining, signing in and the first setup.
# Some spaces here are non-breaking (U+00A0), as French typography wants
# before : ; ! ? » and after «: keep them when editing.

guest-names-separator = { ", " }

## La page de réservation.
guest-closed-title = Cette page de réservation est fermée
guest-closed-sorry = Désolé, cette page de réservation n’accepte pas de réservations pour le moment.
guest-closed-contact = Si vous pensiez réserver ici, contactez la personne qui vous a envoyé le lien.
guest-duration-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
guest-duration-hours = { $count ->
    [one] { $count } heure
   *[other] { $count } heures
}
guest-duration-hours-minutes = { $hours } h { $minutes } min
guest-location-in-person = En personne
guest-location-phone = Appel téléphonique
guest-location-video = Appel vidéo
guest-with = Avec { $names }
guest-notice-not-understood = Cet horaire n’a pas été compris. Choisissez un horaire dans la liste.
guest-notice-taken = Cet horaire vient d’être réservé ; choisissez-en un autre.
guest-pick-day = Choisissez un jour pour voir ses horaires.
guest-zone-label = Horaires affichés dans le fuseau
guest-zone-submit = Afficher les horaires
guest-zone-unknown = Nous ne connaissons pas le fuseau horaire « { $zone } » ; les horaires sont affichés en UTC.
guest-month-days = Jours
guest-month-prev = ‹ Mois précédent
guest-month-next = Mois suivant ›
guest-day-available = { $date }, horaires disponibles
guest-month-empty = Aucun horaire libre ce mois-ci.
guest-times = Horaires
guest-day-empty = Aucun horaire libre ce jour-là. Choisissez-en un autre.
guest-start-taken = Cet horaire ne peut plus être réservé. Choisissez-en un autre.
guest-pick-another = ‹ Choisir un autre horaire
guest-field-your-name = Votre nom
guest-field-email = Adresse e-mail
guest-required = (obligatoire)
guest-optional = (facultatif)
guest-choose = Choisir…
guest-notes-label = Quelque chose que l’hôte devrait savoir ?
guest-book-submit = Réserver cet horaire
guest-booked-title = Votre réservation est confirmée
guest-booked-sent = Nous avons envoyé les détails à { $email }. Pour modifier ou annuler, contactez votre hôte.

## Une réservation vue par l’invité.
guest-detail-what = Quoi
guest-detail-when = Quand
guest-detail-where = Où
guest-detail-with = Avec
guest-detail-guest = Invité
guest-detail-guest-value = { $name } ({ $email })
guest-detail-notes = Remarques

## La page de gestion de l’invité.
guest-manage-title = Votre réservation
guest-manage-title-cancelled = Réservation annulée
guest-manage-thanks = Merci, { $name }. Une confirmation est en route vers { $email }.
guest-manage-moved = Nouvel horaire : { $when }.
guest-manage-cancelled-now = Annulée. Les hôtes ont été prévenus.
guest-manage-cancelled = Annulée. Cette réservation n’aura pas lieu.
guest-manage-reason = Motif
guest-manage-add-calendar = Ajouter au calendrier
guest-manage-reschedule = Choisir un autre horaire
guest-manage-cancel-confirm = Annuler cette réservation ?
guest-manage-reason-label = Motif de l’annulation
guest-manage-cancel = Annuler la réservation
guest-manage-contact = Pour modifier ou annuler cette réservation, contactez votre hôte.

## Déplacer une réservation.
guest-reschedule-now = Actuellement
guest-reschedule-closed = Cette page de réservation n’accepte pas de réservations pour le moment : l’horaire ne peut pas être modifié en ligne. Vous pouvez encore annuler ou contacter votre hôte.
guest-reschedule-free = { $count ->
    [one] Horaires libres dans le prochain jour, fuseau { $zone }.
   *[other] Horaires libres dans les { $count } prochains jours, fuseau { $zone }.
}
guest-reschedule-none = { $count ->
    [one] Aucun horaire libre dans le prochain jour. Contactez votre hôte.
   *[other] Aucun horaire libre dans les { $count } prochains jours. Contactez votre hôte.
}
guest-reschedule-invalid = Cet horaire ne peut pas être réservé. Choisissez-en un dans la liste.
guest-reschedule-back = ‹ Retour à votre réservation

## Rejoindre.
guest-join-title = Rejoindre { $org }
guest-join-invited = Vous avez été invité en tant que { $email }. Choisissez votre nom et un mot de passe.
guest-join-via-link = Votre demande est envoyée à un administrateur, qui l’approuve.
guest-join-via-code = Saisissez le code d’adhésion de l’organisation. Un administrateur approuve votre demande.
guest-join-link-invalid = Ce lien d’adhésion n’est plus valide. Demandez le lien actuel à l’organisation.
guest-field-join-code = Code d’adhésion
guest-field-first-name = Prénom
guest-field-last-name = Nom
guest-field-phone = Téléphone
guest-field-department = Service
guest-field-position = Poste
guest-field-location = Site
guest-field-new-password = Mot de passe (au moins 10 caractères)
guest-join-submit = Rejoindre
guest-joined-title = Bienvenue à bord
guest-joined-ready = Votre compte est prêt. Connectez-vous avec { $email }.
guest-request-sent-title = Demande envoyée
guest-request-sent = Merci. Un administrateur va examiner votre demande ; vous pourrez vous connecter une fois qu’elle sera approuvée.
guest-email-confirmed-title = Adresse e-mail confirmée
guest-email-confirmed = Désormais, connectez-vous avec { $email }.

## Connexion.
guest-sign-in = Se connecter
guest-field-password = Mot de passe
guest-login-wrong = L’adresse e-mail ou le mot de passe est incorrect.

## La première configuration.
guest-setup-done-title = La configuration est terminée
guest-setup-done = Cette organisation a déjà un propriétaire : le lien de configuration ne fonctionne plus.
guest-setup-bad-title = Lien de configuration non valide
guest-setup-bad = Utilisez le lien de configuration que le serveur a écrit dans son journal au démarrage, ou créez le propriétaire avec { $command }.
guest-setup-title = Créer le compte du propriétaire
guest-setup-intro = Vous êtes la première personne ici. Ce compte sera propriétaire de l’organisation.
guest-field-organization = Nom de l’organisation
guest-setup-submit = Créer le propriétaire et se connecter
guest-join-closed-title = Les adhésions sont fermées
guest-join-closed-body = { $org } n’accepte pas de demandes d’adhésion pour le moment.
guest-join-closed-invited = Si vous avez été invité, utilisez le lien de votre e-mail d’invitation.

## La page d’un lien envoyé pour choisir un nouveau mot de passe.
guest-reset-title = Choisissez un nouveau mot de passe
guest-reset-intro = Pour { $email }. Une fois choisi, l’ancien mot de passe ne fonctionne plus et toutes les sessions de ce compte sont fermées.
guest-reset-submit = Enregistrer le nouveau mot de passe
guest-reset-done-title = Nouveau mot de passe enregistré
guest-reset-done = Connectez-vous en tant que { $email } avec votre nouveau mot de passe.
