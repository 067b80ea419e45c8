### Member management pages: the members list, a member's page, the
### invitation form, the public link and join rules, the CSV import,
### departments, positions and locations, and the account defaults.

## Shared labels.
mem-field-name = Nom
mem-field-email = E-mail
mem-field-first-name = Prénom
mem-field-last-name = Nom de famille
mem-field-phone = Téléphone
mem-field-role = Rôle
mem-field-department = Service
mem-field-position = Poste
mem-field-location = Site
mem-field-work-number = Matricule
mem-invite-teammates = Inviter des collègues
# Between two sentences of one notice.
mem-sentence-gap = { " " }

## Roles, as the lists and forms show them.
mem-role-owner = propriétaire
mem-role-admin = administrateur
mem-role-manager = responsable
mem-role-member = membre
mem-role-restricted = restreint

## A member's state, on their page.
mem-state-draft = brouillon
mem-state-invited = invité
mem-state-pending = en attente
mem-state-active = actif
mem-state-rejected = refusé
mem-state-terminated = retiré

## The members list.
mem-list-title = Membres
mem-list-import = Importer un CSV
mem-list-export = Exporter en CSV
mem-list-departments = Services
mem-list-states = États des membres
mem-tab-active = Actifs
mem-tab-invited = Invités
mem-tab-pending = En attente
mem-tab-draft = Non envoyés
mem-tab-rejected = Refusés
mem-tab-terminated = Retirés
# A tab: the state and how many members are in it.
mem-list-tab = { $state } ({ $count })
mem-list-search = Rechercher des membres
mem-list-search-placeholder = Nom, e-mail ou matricule
mem-list-all-departments = Tous les services
mem-list-all-roles = Tous les rôles
mem-list-filter = Filtrer
mem-list-alone = Vous êtes seul ici pour l’instant.
mem-list-alone-hint = Invitez votre équipe par e-mail, partagez le lien public d’adhésion ou importez un fichier CSV.
mem-list-none-match = Aucun membre ne correspond.
mem-list-select = Sélection
mem-list-select-member = Sélectionner { $email }
mem-list-actions = Actions
mem-list-previous = ← Précédente
mem-list-next = Suivante →
mem-list-page = Page { $page } sur { $pages }
mem-action-activate = Envoyer l’invitation
mem-action-delete-draft = Supprimer
mem-action-resend = Renvoyer
mem-action-cancel-invitation = Annuler l’invitation
mem-action-approve = Approuver
mem-action-reject = Refuser
mem-action-reexamine = Réexaminer
mem-action-terminate = Retirer
mem-action-restore = Rétablir
# Notices after a row action.
mem-done-activate = { $email } : invitation envoyée.
mem-done-resend = { $email } : invitation renvoyée.
mem-done-cancel-invitation = { $email } : invitation annulée.
mem-done-join = { $email } : adhésion faite.
mem-done-approve = { $email } : approbation faite.
mem-done-reject = { $email } : demande refusée.
mem-done-reexamine = { $email } : réexamen fait, le membre est actif.
mem-done-terminate = { $email } : membre retiré.
mem-done-restore = { $email } : membre rétabli.
mem-bulk-legend = Modifier ensemble les membres sélectionnés
mem-bulk-department = Nouveau service
mem-bulk-department-unchanged = Service : inchangé
mem-bulk-position = Nouveau poste
mem-bulk-position-unchanged = Poste : inchangé
mem-bulk-location = Nouveau site
mem-bulk-location-unchanged = Site : inchangé
mem-bulk-apply = Appliquer à la sélection
mem-bulk-done = { $count ->
    [one] { $count } membre mis à jour.
   *[other] { $count } membres mis à jour.
}

## A member's page.
mem-edit-schedule-link = Horaires et indisponibilités
mem-edit-personal = Informations personnelles (la personne elle-même seulement)
mem-edit-email = E-mail (une nouvelle adresse est confirmée par e-mail)
mem-edit-organization = Organisation (propriétaires et administrateurs)
mem-edit-professional = Informations professionnelles
mem-edit-contact = Contact pour les clients
mem-edit-slack-member-id = Identifiant de membre Slack
mem-edit-meeting-url = URL de réunion personnelle
mem-edit-timezone = Fuseau horaire
mem-edit-language = Langue
mem-edit-email-signature = Signature des e-mails
mem-edit-save = Enregistrer
mem-edit-apply-defaults = Appliquer les réglages par défaut du compte (horaires, fuseau horaire, langue)
mem-edit-saved = Enregistré.
mem-edit-email-pending = Un lien de confirmation a été envoyé à { $email } ; l’adresse change dès qu’il est suivi.
mem-edit-applied = { $count ->
    [one] Appliqué à { $count } autre membre.
   *[other] Appliqué à { $count } autres membres.
}
mem-apply-legend = Appliquer à d’autres utilisateurs
mem-apply-hint = À l’enregistrement, les champs choisis sont copiés vers les membres choisis. Les noms ne sont jamais copiés ; ne choisissez rien pour n’enregistrer que ce membre.
mem-apply-role = rôle
mem-apply-meeting-url = URL de réunion
mem-apply-slack-member-id = identifiant Slack
mem-apply-contact = contact
mem-apply-email-signature = signature des e-mails
mem-apply-working-hours = heures de travail
mem-apply-breaks = pauses
mem-apply-daily-caps = plafonds par jour
mem-apply-open-booking-cap = plafond de réservations à venir
mem-apply-role-confirm = Oui, copier aussi le rôle : les membres choisis reçoivent le rôle de ce membre et ce qu’il permet
mem-apply-role-unconfirmed = Copier le rôle change ce que les membres choisis peuvent faire. Cochez « Oui, copier aussi le rôle » pour confirmer, ou retirez le rôle.

## Inviting teammates.
mem-invite-result = Résultat
mem-invite-invited = Invité
mem-invite-needs-approval = Un administrateur approuve les personnes que vous invitez avant qu’elles puissent se connecter.
mem-invite-emails = Adresses e-mail
mem-invite-emails-placeholder = ann@example.org, bob@example.org
mem-invite-emails-hint = Séparez les adresses par des virgules, des espaces ou des retours à la ligne.
mem-invite-as-new = Inviter les adresses retirées comme de nouvelles personnes (elles ne voient rien de l’ancien compte)
mem-invite-send = Envoyer les invitations
mem-invite-draft = Créer sans envoyer
# Why an address was not invited; $address is the text as typed.
mem-refusal-invalid-email = « { $address } » n’est pas une adresse e-mail valide
mem-refusal-duplicate = { $email } figure plusieurs fois dans cette demande
mem-refusal-already-active = { $email } est déjà membre
mem-refusal-already-pending = { $email } a déjà rejoint et attend l’approbation : approuvez plutôt
mem-refusal-previously-rejected = { $email } a déjà été refusé : réexaminez plutôt
mem-refusal-previously-removed = { $email } a été retiré de l’organisation : rétablissez-le plutôt, ou invitez l’adresse comme une nouvelle personne
mem-refusal-already-invited = { $email } est déjà invité : renvoyez plutôt l’invitation
mem-refusal-draft = { $email } est déjà créé mais pas invité : envoyez plutôt l’invitation
mem-refusal-already-known = { $email } ne peut pas être invité ; demandez à un administrateur

## Public link and join rules.
mem-link-title = Lien public et règles d’adhésion
mem-link-public = Invitation publique
mem-link-off = L’adhésion publique est désactivée : le lien et le code ne fonctionnent pas.
mem-link-hint = Toute personne ayant le lien ou le code d’adhésion peut demander à rejoindre ; un administrateur approuve chaque demande.
# $code is the eight-digit code, $address the page where it is entered.
mem-link-code = Code d’adhésion : { $code } — à saisir sur { $address }
mem-link-qr = QR code du lien
mem-link-qr-download = Télécharger le QR code (SVG)
mem-link-rotate-confirm = Remplacer le lien et le code ? Les actuels cessent aussitôt de fonctionner.
mem-link-rotate = Remplacer le lien et le code
mem-rules-title = Règles d’adhésion
mem-rules-verification = Les personnes invitées par des non-administrateurs doivent être approuvées (vérification des invitations)
mem-rules-public-join = Le lien public et le code d’adhésion fonctionnent
mem-rules-required = Champs qu’une personne qui rejoint doit remplir :
mem-join-field-phone = téléphone
mem-join-field-department = service
mem-join-field-position = poste
mem-join-field-location = site
mem-rules-days = Jours de validité d’une invitation par e-mail
mem-rules-save = Enregistrer les règles

## CSV import.
mem-import-title = Importer des membres
mem-import-result = Résultat
# $shown is $invited, in bold.
mem-import-summary = { $invited ->
    [one] { $shown } invité
   *[other] { $shown } invités
}, { $skipped ->
    [one] { $skipped } ignoré
   *[other] { $skipped } ignorés
}, { $errors ->
    [one] { $errors } en erreur
   *[other] { $errors } en erreur
}.
mem-import-line = Ligne
mem-import-skipped-because = Ignoré parce que
mem-import-field = Champ
mem-import-error = Erreur
mem-import-hint = Remplissez le modèle (UTF-8, séparé par des virgules ou des points-virgules) et envoyez-le. Chaque ligne correcte est invitée par e-mail ; rien n’est écrit pour une ligne en erreur.
mem-import-template = Télécharger le modèle CSV
mem-import-file = Fichier CSV
mem-import-create-departments = Créer les services manquants
mem-import-submit = Importer

## Departments, positions and locations.
mem-org-title = Services, postes, sites
mem-kind-departments = services
mem-kind-positions = postes
mem-kind-locations = sites
mem-kind-new-department = Nouveau service
mem-kind-new-position = Nouveau poste
mem-kind-new-location = Nouveau site
mem-org-none = Aucun pour l’instant.
mem-org-rename-label = Renommer { $name }
mem-org-rename = Renommer
mem-org-members = { $count ->
    [one] { $count } membre
   *[other] { $count } membres
}
mem-org-delete = Supprimer
mem-org-add = Ajouter
mem-org-added = « { $name } » ajouté.
mem-org-renamed = Renommé en « { $name } ».
mem-org-deleted = « { $name } » supprimé.

## Account defaults.
mem-defaults-title = Réglages par défaut des comptes
mem-defaults-hint = Les nouveaux membres commencent avec ces réglages. « Appliquer les réglages par défaut du compte », sur la page d’un membre, rétablit ces réglages pour ce membre.
mem-defaults-timezone = Fuseau horaire
mem-defaults-language = Langue
mem-defaults-hours = Planning de la semaine
mem-defaults-save = Enregistrer les réglages
mem-defaults-saved = Enregistré.
