# editors: the schedule editor, pickers, member forms, invitation
# refusals and import reports.

## Forms
ed-form-refused = Non enregistré : { $reason }
ed-lists-manage = Les services, postes et sites se choisissent dans les listes de l’organisation (modifier les listes)
ed-field-supervisor = Responsable hiérarchique
ed-supervisor-former = { $name } ({ $state })
ed-defaults-open-cap = Plafond de réservations à venir (vide : aucun plafond)

## Pickers (select with search)
ed-picker-search = { $field } : rechercher
ed-picker-placeholder = Tapez pour chercher…
ed-picker-matches = Résultats : { $count }
ed-picker-not-offered = « { $value } » ne fait pas partie des choix

## Weekly schedule editor
ed-day-mon = lundi
ed-day-tue = mardi
ed-day-wed = mercredi
ed-day-thu = jeudi
ed-day-fri = vendredi
ed-day-sat = samedi
ed-day-sun = dimanche
ed-week-hint = Les heures sont dans le fuseau horaire choisi ci-dessus. Une fin à 00:00 signifie minuit, à la fin de la journée. Laissez vide un jour non travaillé.
ed-week-hours = Heures de travail
ed-week-breaks = Pauses (retirées des heures de travail)
ed-week-hours-start = { $day }, heures de travail { $n } : début
ed-week-hours-end = { $day }, heures de travail { $n } : fin
ed-week-break-start = { $day }, pause { $n } : début
ed-week-break-end = { $day }, pause { $n } : fin
ed-week-hours-remove = Retirer les heures de travail { $n } du { $day }
ed-week-break-remove = Retirer la pause { $n } du { $day }
ed-week-remove = Retirer
ed-week-add-hours = Ajouter des heures
ed-week-add-break = Ajouter une pause
ed-week-cap = Plafond de réservations par jour
ed-week-cap-hint = Un nombre entier à partir de 1 ; vide : sans plafond. Seulement les jours travaillés.
ed-week-copy = Copier le lundi sur tous les jours de semaine
ed-week-copy-on-save = À l’enregistrement, reprendre aussi les heures, pauses et plafond du lundi du mardi au vendredi
ed-week-copied = Les heures, pauses et plafond du lundi ont été copiés du mardi au vendredi. Enregistrez pour les garder.
ed-week-pair-incomplete = indiquez un début et une fin, ou laissez les deux vides

## Invitation refusals: what settles them
ed-resolve-approve = Approuver
ed-resolve-reexamine = Réexaminer
ed-resolve-restore = Rétablir
ed-resolve-activate = Envoyer l’invitation
ed-resolve-resend = Renvoyer l’invitation
ed-resolve-invite-as-new = Inviter comme nouvelle personne
ed-resolve-open = Ouvrir la fiche du membre

## Import report
ed-import-skip-duplicate = Cette adresse figure aussi sur une ligne précédente du fichier ; c’est celle-là qui a été retenue.
ed-import-skip-active = Cette personne fait déjà partie de l’organisation : rien à faire.
ed-import-skip-pending = Cette personne a déjà rejoint l’organisation et attend une approbation : approuvez-la plutôt que de l’inviter à nouveau.
ed-import-skip-rejected = Cette personne a été refusée auparavant : réexaminez-la plutôt que de l’inviter à nouveau.
ed-import-skip-removed = Cette personne a été retirée de l’organisation : rétablissez-la, ou invitez l’adresse comme nouvelle personne depuis le formulaire d’invitation.
ed-import-skip-invited = Cette adresse a déjà une invitation (ou a été créée sans envoi) : renvoyez-la ou envoyez-la depuis la liste des membres.
ed-import-open-list = Ouvrir « { $list } »
ed-import-fix-email = Corrigez l’adresse dans le fichier et importez de nouveau cette ligne.
ed-import-fix-role = Indiquez owner, admin, manager, member ou restricted, ou laissez le rôle vide pour member.
ed-import-fix-forbidden-role = Seul un propriétaire peut donner ce rôle : laissez-le vide ou demandez à un propriétaire d’importer la ligne.
ed-import-fix-department = Créez d’abord le service, ou cochez « Créer les services manquants » et importez de nouveau.
ed-import-fix-too-long = Raccourcissez la valeur et importez de nouveau cette ligne.
