### Connect : membres externes, leurs dates candidates, et Messages.

nav-messages = Messages

## La liste et la page des membres externes (administrateurs).
connect-off-title = Connect est désactivé.
connect-off-explained = Activez-le pour inviter des membres externes. Le désactiver plus tard conserve chaque membre externe et chaque page de réservation.
connect-turn-on = Activer Connect
connect-turn-off = Désactiver Connect
connect-usage = { $used } membres externes sur { $max } utilisés
connect-filter = Filtrer par nom
connect-filter-apply = Filtrer
connect-filter-none = Aucun membre externe ne porte ce nom.
connect-invite-title = Inviter un membre externe
connect-invite-send = Envoyer l’invitation
connect-field-name = Nom
connect-field-email = E-mail
connect-field-organization = Organisation
connect-field-contact = Membre responsable
connect-field-language = Langue du courriel
connect-field-status = Dates
connect-status-awaiting = Dates en attente
connect-status-entered = Dates saisies le { $date }
connect-requested-on = Dates demandées pour la dernière fois le { $date }
connect-back = Tous les membres externes
connect-ranges-title = Dates candidates
connect-ranges-none = Aucune date candidate à venir.
connect-message-title = Message
connect-request-again = Redemander des dates
connect-request-confirm = Envoyer un nouveau lien à { $name } ? L’ancien lien cesse aussitôt de fonctionner.
connect-pages-title = Pages de réservation
connect-pages-none = Aucune page de réservation n’a encore ce membre externe comme hôte.
connect-pages-new = Nouvelle page de réservation
connect-page-off = Désactivée : dates en attente
connect-edit-title = Paramètres du compte
connect-delete = Supprimer ce membre externe
connect-delete-confirm = Supprimer { $name } ? { $count ->
    [0] Aucune réservation à venir ne sera annulée.
    [one] Une réservation à venir sera annulée, avec un courriel à chacun.
   *[other] { $count } réservations à venir seront annulées, avec un courriel à chacun.
}
connect-deleted-reason = { $name } n’est plus disponible.
connect-done-invited = Invitation envoyée.
connect-done-requested = Un nouveau lien a été envoyé ; l’ancien ne fonctionne plus.
connect-done-deleted = Membre externe supprimé.
connect-done-saved = Enregistré.
connect-done-on = Connect est activé.
connect-done-off = Connect est désactivé. Les membres externes et les pages sont conservés.

## La page des dates candidates derrière le lien envoyé.
connect-page-title = Vos dates candidates
connect-page-intro = Bonjour { $name }, { $org } vous demande vos disponibilités. Choisissez les créneaux qui vous conviennent, puis confirmez.
connect-page-zone = Fuseau horaire
connect-page-ranges = Disponibilités
connect-page-ranges-help = Une plage par ligne, jusqu’à { $max } plages de { $days } jours au plus. Laissez une ligne vide pour l’ignorer.
connect-page-from = Du
connect-page-to = Au
connect-page-message = Message (facultatif)
connect-page-review = Vérifier
connect-page-saved = Enregistré. Vous pouvez modifier vos dates avec le même lien.
connect-page-expires = Ce lien fonctionne jusqu’au { $date }.
connect-grid-prev = Semaine précédente
connect-grid-next = Semaine suivante
connect-grid-help = Touchez ou faites glisser sur les demi-heures où vous êtes libre ; les lignes ci-dessous suivent.
connect-grid-cell = Disponible le
connect-review-title = Vérifiez vos dates
connect-review-intro = Voici les créneaux que vous proposez :
connect-review-save = Enregistrer
connect-review-change = Modifier

## Pour le membre responsable.
connect-dates-entered-title = { $name } a saisi des dates candidates

## Courriels.
mail-connect-subject = { $inviter } ({ $org }) vous demande vos disponibilités
mail-connect-greeting = Bonjour { $name },
mail-connect-body = { $inviter } ({ $org }) aimerait connaître vos disponibilités. Suivez ce lien pour choisir vos dates candidates ; aucun compte n’est nécessaire. Le lien fonctionne jusqu’au { $expires }.
mail-connect-button = Saisir mes dates
booking-contact-to-change = Pour modifier ou annuler cette réservation, contactez { $contact }.

## Messages.
messages-title = Messages
messages-empty = Aucun message pour l’instant.
messages-explained = Les messages que les membres externes envoient avec leurs dates, et les notes laissées par les invités en réservant, apparaissent ici.
messages-kind-external = Membre externe
messages-kind-note = Note de réservation

## Erreurs.
err-connect-disabled = Connect est désactivé. Un administrateur peut l’activer dans Membres externes.
err-connect-limit = L’organisation compte déjà { $max } membres externes, le maximum autorisé ([limits] external_members_max).
err-connect-email-taken = { $email } est déjà un membre externe
err-connect-contact-inactive = choisissez un membre actif
err-connect-link-unknown = Ce lien n’est pas valide. Demandez-en un nouveau à la personne qui vous l’a envoyé.
err-connect-link-expired = Ce lien a expiré. Demandez-en un nouveau à la personne qui vous l’a envoyé.
err-connect-link-superseded = Un lien plus récent vous a été envoyé : utilisez celui du dernier courriel.
err-connect-no-ranges = ajoutez au moins une plage
err-connect-too-many = { $max } plages au plus
err-connect-end-before-start = la fin doit suivre le début
err-connect-past = cette plage est passée
err-connect-too-long = une plage dure { $days } jours au plus
err-connect-overlap = cette plage en chevauche une autre
err-page-external-round-robin = La répartition tournante n’est pas proposée sur les pages avec des membres externes ; choisissez un seul hôte ou le mode collectif.
err-page-awaiting-dates = { $name } n’a pas encore saisi de dates candidates ; la page pourra être activée ensuite.
host-problem-awaiting-dates = { $name } n’a pas encore saisi de dates candidates : la page ne peut pas être activée
bkadm-form-external = membre externe
