### Ce qu’une demande refusée dit à la personne, quelle que soit la partie du produit qui la refuse.

err-unauthorized = Veuillez d’abord vous connecter.
err-bad-credentials = L’adresse e-mail ou le mot de passe est incorrect.
err-awaiting-approval = Votre demande d’adhésion attend l’approbation d’un administrateur. Vous recevrez un e-mail dès qu’elle sera traitée.
err-forbidden-field = Vous ne pouvez pas modifier le champ { $field }.
err-csrf = Le formulaire a expiré. Rechargez la page et réessayez.
err-not-found = Rien n’a été trouvé ici.
err-payload-too-large = Ce que vous avez envoyé est trop volumineux.
err-internal = Un problème est survenu de notre côté. Veuillez réessayer.
err-email-taken = L’adresse { $email } appartient déjà à un membre.

## Communs à plusieurs formulaires

err-required = Obligatoire.
err-email-invalid = Saisissez une adresse e-mail valide.
err-too-long = { $limit ->
        [1000] 1 000
        [5000] 5 000
       *[other] { $limit }
    } caractères au maximum.
err-names-too-long = Les noms sont limités à { $limit } caractères.
err-unknown-time-zone = Le fuseau horaire « { $zone } » est inconnu.
err-language = Choisissez en, ja ou fr.
err-date-out-of-range = Saisissez une date entre 1970 et 2200.
err-end-before-start = La fin doit venir après le début.
err-between-minutes = Entre { $min } et { $max } minutes.
err-between-days = Entre { $min } et { $max } jours.
err-no-member = Aucun membre { $id }.
err-supervisor-inactive = Le ou la responsable doit être un membre actif.
err-not-an-email = « { $email } » n’est pas une adresse e-mail valide.
err-url-invalid = URL non valide : { $detail }
err-role-forbids = Votre rôle ({ $role ->
        [owner] propriétaire
        [admin] administrateur
        [manager] gestionnaire
        [member] membre
        [restricted] membre restreint
       *[other] { $role }
    }) ne permet pas cette action.

## Lecture d’une demande

err-body-unreadable = Impossible de lire le contenu envoyé : { $detail }
err-json-field = JSON non valide dans le champ { $field } : { $detail }
err-json = JSON non valide : { $detail }
err-json-required = Un contenu JSON est requis.
err-form = Formulaire non valide : { $detail }
err-query = Paramètres non valides : { $detail }
err-query-field = Paramètre { $field } non valide : { $detail }
err-path = Chemin non valide : { $detail }
err-upload = Envoi de fichier non valide : { $detail }
err-invalid-cursor = Curseur non valide.
err-unknown-state = État « { $state } » inconnu.
err-unknown-role = Rôle « { $role } » inconnu.
err-unknown-outbox-state = État « { $state } » inconnu ; utilisez failed, queued ou sent.
err-unknown-notification-kind = Type de notification « { $kind } » inconnu.
err-session-api-key = Une clé d’API n’a pas de session ; révoquez plutôt la clé.

## Trop de tentatives

err-rate-sign-in = Trop de tentatives de connexion ; réessayez dans { $seconds ->
        [one] { $seconds } seconde
       *[other] { $seconds } secondes
    }.
err-rate-join = Trop de demandes d’adhésion ; réessayez dans { $seconds ->
        [one] { $seconds } seconde
       *[other] { $seconds } secondes
    }.
err-rate-booking = Trop de réservations depuis votre adresse ; réessayez dans { $seconds ->
        [one] { $seconds } seconde
       *[other] { $seconds } secondes
    }.
err-rate-join-codes = Trop de codes d’adhésion erronés ; réessayez dans { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }.

## Mots de passe

err-password-too-short = Le mot de passe doit compter au moins { $min } caractères.
err-password-too-long = Le mot de passe doit compter au plus { $max } caractères.
err-password-too-weak = Ce mot de passe est trop courant ou trop facile à deviner ; essayez quelques mots sans rapport entre eux.

## Installation et clés d’API

err-setup-first-name = Saisissez un prénom.
err-setup-organization-too-long = Le nom est limité à { $limit } caractères.
err-setup-owner-exists = Un propriétaire existe déjà ; connectez-vous plutôt.
err-setup-email-taken = Un membre avec cette adresse e-mail existe déjà.
err-api-key-name = Donnez à la clé un nom de 1 à { $max } caractères.

## Webhooks, tâches et file d’envoi

err-job-running = Cette tâche est déjà en cours.
err-webhook-url-scheme = Seules les URL en http:// et https:// peuvent être appelées.
err-webhook-no-events = Choisissez au moins un événement.
err-webhook-unknown-event = Événement « { $event } » inconnu ; événements connus : { $known }
err-webhook-secret-short = Un secret doit compter au moins { $min } caractères.
err-webhook-url-needed = Indiquez une URL de webhook pour utiliser le canal webhook.
err-outbox-already-sent = Le message { $id } a déjà été envoyé.
err-outbox-already-sent-at = Le message { $id } a déjà été envoyé le { $at }.

## Pages de réservation et réservations

err-booking-already-cancelled = Cette réservation a déjà été annulée.
err-booking-link-dead = Ce lien ne mène (plus) à aucune réservation.
err-booking-page-deleted = La page de réservation de cette réservation a été supprimée ; annulez et réservez de nouveau.
err-list-cursor = La valeur `next` de la page précédente.
err-list-limit = De 1 à { $max }.
err-book-name = Votre nom, en { $limit } caractères au maximum.
err-book-email = Une adresse e-mail comme nom@example.org.
err-book-answer-required = « { $label } » est obligatoire.
err-book-pick-option = Choisissez l’une des options.
err-book-unknown-question = Cette page n’a pas cette question.
err-slot-date = Une date comme 2027-03-15 (entre 1970 et 2200).
err-slot-to-before-from = Ne peut pas précéder la date de début.
err-slot-span = { $days } jours au maximum à la fois.
err-slot-start = Une heure avec son décalage, comme 2027-03-15T10:00:00+09:00 (entre 1970 et 2200).
err-slot-taken = Ce créneau vient d’être pris ; choisissez-en un autre.
err-not-a-slot = Cette heure de début ne fait pas partie des créneaux libres de la page.
err-page-slug-characters = De 1 à { $max } caractères : lettres minuscules, chiffres et traits d’union.
err-page-slug-hyphens = Pas de trait d’union au début ni à la fin, ni de trait d’union double.
err-page-too-many-questions = { $max } questions au maximum.
err-page-question-label = Un libellé de 1 à { $max } caractères.
err-page-choice-options = Un choix unique demande au moins deux options.
err-page-title = Un titre de 1 à { $max } caractères.
err-page-address-needed = Un rendez-vous en personne demande une adresse.
err-page-video-link = Un lien de visioconférence commence par https://.
err-page-hosts-count = Entre 1 et { $max } hôtes.
err-page-single-host = Une page à hôte unique a exactement un hôte ; utilisez le mode collectif ou le tour de rôle pour davantage.
err-page-host-inactive = { $id } n’est pas un membre actif.
err-page-own-hosts = Vous devez faire partie des hôtes de vos propres pages.
err-page-create-forbidden = Vous ne pouvez pas créer de pages de réservation.
err-page-slug-taken = L’adresse /book/{ $slug } est déjà utilisée par une autre page.
err-page-not-found = Il n’y a pas de page de réservation à l’adresse /book/{ $slug }.
err-page-disabled = Cette page de réservation ne prend pas de réservations pour le moment.

## Horaires

err-schedule-time-format = Les heures s’écrivent HH:MM, entre 00:00 et 24:00.
err-schedule-end-before-start = { $start }–{ $end } : la fin doit venir après le début.
err-schedule-overlap = Des plages se chevauchent vers { $time }.
err-schedule-weekdays = Les jours sont mon, tue, wed, thu, fri, sat, sun.
err-schedule-break-outside = Une pause doit se trouver dans les heures de travail de son jour.
err-schedule-daily-cap-min = Une limite quotidienne vaut au moins 1 (laissez vide pour ne pas en avoir).
err-schedule-daily-cap-no-hours = Une limite quotidienne demande des heures de travail ce jour-là.
err-schedule-open-cap-min = Au moins 1 (laissez vide pour ne pas avoir de limite).

## Membres et adhésion

err-join-first-name = Saisissez votre prénom.
err-join-last-name = Saisissez votre nom.
err-join-field-required = { $field ->
        [phone] Le téléphone est obligatoire
        [department] Le service est obligatoire
        [position] Le poste est obligatoire
        [location] Le lieu est obligatoire
       *[other] Le champ { $field } est obligatoire
    } pour rejoindre l’organisation.
err-invitation-gone = Ce lien d’invitation a déjà servi, a expiré ou a été retiré ; demandez-en un nouveau.
err-join-unknown-code = Ce lien ou ce code d’adhésion n’est pas valide (il a peut-être été remplacé).
err-join-link-replaced = Ce lien d’adhésion n’est plus valide ; demandez le lien actuel.
err-last-owner-role = Le dernier propriétaire ne peut pas recevoir un autre rôle ; nommez d’abord quelqu’un d’autre propriétaire.
err-supervise-self = Un membre ne peut pas être son propre responsable.
err-supervisor-loop = Cela créerait une boucle de responsables.
err-first-name-empty = Le prénom ne peut pas être vide.
err-meeting-url = Une URL de réunion commence par https://.
err-icon-color = Une couleur comme #2458d3.
err-email-belongs-to-member = Cette adresse appartient déjà à un membre.
err-email-link-used = Ce lien de confirmation a déjà servi ou a expiré.
err-password-link-used = Ce lien pour choisir un nouveau mot de passe a déjà servi ou a expiré ; demandez-en un nouveau à un administrateur.
err-not-bulk-editable = { $field } ne peut pas être modifié en masse ; seuls department, position et location le peuvent.
err-ids-strings = Les ids sont des chaînes de caractères.
err-ids-missing = Indiquez les ids des membres à modifier.
err-text-value = Une valeur textuelle.
err-not-applicable = { $field } ne peut pas être appliqué aux autres ; choisissez parmi { $fields }.
err-last-owner-keeps-role = { $email } est le dernier propriétaire et garde ce rôle.
err-catalog-name = Un nom de 1 à { $max } caractères.
err-catalog-exists = { $kind ->
        [department] Le service
        [position] Le poste
       *[location] Le lieu
    } « { $name } » existe déjà.
err-catalog-not-empty = { $kind ->
        [department] Le service
        [position] Le poste
       *[location] Le lieu
    } « { $name } » compte encore { $count ->
        [one] { $count } membre ; déplacez-le
       *[other] { $count } membres ; déplacez-les
    } d’abord.
err-catalog-unknown = { $kind ->
        [department] Le service
        [position] Le poste
       *[location] Le lieu
    } « { $name } » n’existe pas.
err-illegal-transition = L’action « { $action ->
        [activate] activation
        [resend] renvoi de l’invitation
        [cancel_invitation] annulation de l’invitation
        [join] adhésion
        [approve] approbation
        [reject] refus
        [reexamine] réexamen
        [terminate] retrait
        [restore] rétablissement
       *[other] { $action }
    } » n’est pas possible pour un membre { $state ->
        [draft] en brouillon
        [invited] invité
        [pending] en attente
        [active] actif
        [rejected] refusé
        [terminated] retiré
       *[other] { $state }
    } (état actuel : { $state }).
err-owner-remove-or-restore = Seul un propriétaire peut retirer ou rétablir un propriétaire.
err-remove-self = Vous ne pouvez pas vous retirer vous-même ; demandez à un autre administrateur.
err-owner-remove = Seul un propriétaire peut retirer un propriétaire.
err-last-owner-remove = Le dernier propriétaire ne peut pas être retiré ; nommez d’abord quelqu’un d’autre propriétaire.

## Invitations et imports

err-invite-forbidden = Votre rôle ne permet pas d’inviter des personnes.
err-invite-unsent-forbidden = Seuls les administrateurs peuvent créer des membres sans envoyer l’invitation.
err-invite-none = Saisissez au moins une adresse e-mail.
err-invite-too-many = { $max } adresses au maximum à la fois ; utilisez l’import CSV pour davantage.
err-invite-duplicate = { $email } figure plusieurs fois dans cette demande.
err-not-requirable = « { $field } » ne peut pas être rendu obligatoire.
err-refusal-active = { $email } est déjà membre.
err-refusal-pending = { $email } a déjà adhéré et attend une approbation : approuvez plutôt.
err-refusal-rejected = { $email } a déjà été refusé : réexaminez plutôt.
err-refusal-removed = { $email } a été retiré de l’organisation : rétablissez-le plutôt, ou invitez l’adresse comme une nouvelle personne.
err-refusal-invited = { $email } est déjà invité : renvoyez plutôt l’invitation.
err-refusal-draft = { $email } est déjà créé mais pas invité : activez-le plutôt.
err-refusal-known = { $email } ne peut pas être invité ; demandez à un administrateur.
err-csv-not-utf8 = Le fichier n’est pas du texte UTF-8 ; enregistrez-le au format CSV UTF-8.
err-csv-header = Impossible de lire la ligne d’en-tête : { $detail }
err-csv-no-email-column = La ligne d’en-tête doit avoir une colonne email ; colonnes attendues : { $columns }
err-csv-unknown-column = Colonne « { $column } » inconnue ; colonnes attendues : { $columns }
err-csv-line = Ligne { $line } : { $detail }
err-csv-empty = Le fichier n’a aucune ligne sous l’en-tête.
err-csv-daily-limit = La limite quotidienne d’import est de { $limit } lignes par personne et par adresse ; { $used } utilisées aujourd’hui, ce fichier en compte { $count } ; elle est remise à zéro le { $resets }.
err-csv-daily-limit-reached = La limite quotidienne d’import de { $limit } lignes est atteinte ; elle est remise à zéro le { $resets }.
err-csv-unknown-role = Rôle « { $role } » inconnu ; utilisez admin, manager, member ou restricted.
err-csv-role-forbidden = Vous ne pouvez pas attribuer le rôle { $role }.
err-csv-unknown-department = Le service « { $department } » n’existe pas (cochez « créer les services manquants » pour le créer).
err-csv-too-long = { $field } dépasse { $limit } caractères.
