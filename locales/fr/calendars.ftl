# calendars
err-calendar-not-yours = Seuls le membre et les administrateurs peuvent voir ou modifier les calendriers d’un membre.
err-calendar-url-missing = Saisissez l’adresse du calendrier.
err-calendar-url-credentials = Mettez l’identifiant et le mot de passe dans leurs propres champs, pas dans l’adresse.
err-calendar-url-scheme = L’adresse doit commencer par https://, http:// ou webcal://.
err-calendar-url-refused = Cette adresse ne peut pas être utilisée : { $reason }
err-calendar-kind = « { $kind } » n’est pas un type de calendrier : utilisez ical_url ou caldav.
err-calendar-username-missing = Un mot de passe demande un identifiant.
err-calendar-write-back-caldav = Seuls les calendriers CalDAV peuvent recevoir les réservations.
err-calendar-write-calendar = { $href } n’est pas l’un des calendriers de ce compte.
err-calendar-on-cancel = « { $value } » n’est pas un choix possible : utilisez delete ou mark_cancelled.
err-calendar-unknown-collection = Aucun calendrier de ce compte n’a l’adresse { $href }.

cal-problem-unreachable = Le serveur du calendrier est injoignable ({ $detail }).
cal-problem-refused = Cette adresse n’est pas autorisée depuis ce serveur ({ $detail }).
cal-problem-too-large = Le calendrier dépasse la taille acceptée ({ $detail } octets).
cal-problem-unauthorized = Le serveur du calendrier a refusé l’identifiant ou le mot de passe ({ $detail }).
cal-problem-not-found = Le serveur du calendrier n’a rien à cette adresse ({ $detail }).
cal-problem-http = Le serveur du calendrier a répondu par une erreur ({ $detail }).
cal-problem-not-a-calendar = L’adresse ne mène pas à un calendrier (peut-être une page de connexion).
cal-problem-unparsable = Le calendrier n’a pas pu être lu ({ $detail }).
cal-problem-too-many = Le calendrier contient plus d’événements que l’import n’en accepte ({ $detail }).
cal-problem-no-calendars = Aucun calendrier trouvé pour ce compte ({ $detail }).
cal-problem-not-caldav = L’adresse ne répond pas comme un serveur CalDAV ({ $detail }).
cal-problem-password = Le mot de passe enregistré ne peut plus être lu : saisissez-le à nouveau ({ $detail }).
cal-problem-write-target-gone = Le calendrier où les réservations sont écrites n’existe plus ; choisissez-en un autre ({ $detail }).
cal-problem-other = La synchronisation a échoué ({ $detail }).

cal-kind-stale = Un calendrier connecté ne se synchronise plus
cal-stale-title = Le calendrier de { $member } ({ $host }) ne s’est pas synchronisé
cal-stale-hiding = Il ne s’est pas synchronisé depuis plus de { $hours ->
    [one] une heure
   *[other] { $hours } heures
} : les créneaux de ce membre ne sont plus proposés jusqu’à la prochaine synchronisation.
cal-stale-offering = Il ne s’est pas synchronisé depuis plus de { $hours ->
    [one] une heure
   *[other] { $hours } heures
} ; les créneaux restent proposés d’après la dernière copie valide.

cal-kind-ical = Adresse iCal
cal-kind-caldav = Compte CalDAV
cal-state-ok = Synchronisé
cal-state-failing = En échec
cal-state-hiding = Périmé : créneaux masqués
cal-state-waiting = Pas encore synchronisé
cal-title-own = Mes calendriers
cal-title-of = Calendriers de { $member }
cal-explained = Les événements des calendriers connectés ici comptent comme occupés : personne ne peut vous réserver quand vous êtes pris ailleurs. Ils sont relus toutes les quelques minutes, et chaque fois que vous appuyez sur « Synchroniser ».
cal-privacy = Seuls le début, la fin et l’identifiant de chaque événement sont conservés. Les titres, descriptions, participants et lieux ne sont jamais enregistrés.
cal-none = Aucun calendrier n’est encore connecté. Connectez l’adresse iCal secrète de votre calendrier Google, Outlook, Apple ou Nextcloud, ou un compte CalDAV.
cal-address = Adresse
cal-account = Compte
cal-last-sync = Dernière synchronisation
cal-never = jamais
cal-last-good = Dernière synchronisation réussie
cal-busy-times = Plages occupées conservées
cal-events = { $count ->
    [one] une plage occupée
   *[other] { $count } plages occupées
}
cal-hiding-explained = Ce calendrier ne s’est pas synchronisé depuis trop longtemps : vos créneaux ne sont plus proposés jusqu’à sa prochaine synchronisation.
cal-collections = Calendriers de ce compte qui comptent comme occupés
cal-collections-save = Enregistrer la sélection
cal-sync-now = Synchroniser
cal-disconnect = Déconnecter
cal-disconnect-confirm = Déconnecter ce calendrier ? Ses plages occupées sont supprimées aussitôt.
cal-relink = Reconnecter (autre adresse ou mot de passe)
cal-username = Identifiant
cal-password-new = Nouveau mot de passe
cal-password-kept = Laissez le mot de passe vide pour garder celui enregistré.
cal-relink-save = Enregistrer et synchroniser
cal-connect-title = Connecter un calendrier
cal-kind = Type
cal-address-help = L’adresse iCal secrète (https:// ou webcal://) des réglages de partage de votre calendrier, ou l’adresse d’un serveur, d’un principal ou d’un calendrier CalDAV.
cal-password = Mot de passe
cal-password-help = Seulement si le calendrier en demande un (CalDAV : de préférence un mot de passe d’application). Il est chiffré et n’est plus jamais affiché.
cal-connect = Connecter et synchroniser
cal-note-unknown-zone = Un fuseau horaire inconnu a été lu dans le vôtre : { $detail }
cal-note-skipped = Un événement a été ignoré : { $detail }
cal-filters = Filtrer par intégration
cal-filter-all = Tout le monde
cal-filter-connected = Calendrier connecté
cal-filter-failing = Calendrier en échec
cal-filter-none = Sans calendrier
cal-filter-no-meeting-url = Sans lien de réunion
cal-overview-empty = Aucun membre ne correspond à ce filtre.
cal-col-member = Membre
cal-col-calendar = Calendrier
cal-col-last-sync = Dernière synchronisation
cal-col-meeting-url = Lien de réunion
cal-not-connected = non connecté
cal-meeting-url-missing = manquant
cal-meeting-url-set = renseigné
cal-overview-title = Intégrations
cal-synced = Synchronisé : { $count ->
    [one] une plage occupée
   *[other] { $count } plages occupées
}.
cal-connected = Connecté.
cal-disconnected = Le calendrier est déconnecté et ses plages occupées sont supprimées.

cal-job-sync = Lit les calendriers connectés des membres comme plages occupées
cal-link = Calendriers

err-integration-filter-admins = Seuls les administrateurs peuvent filtrer les membres par intégration.
err-integration-filter = Filtre d’intégration inconnu : utilisez l’un de { $choices }.
cal-write-back = Réservations dans ce calendrier
cal-write-back-on = Écrire les nouvelles réservations dans ce calendrier
cal-write-back-help = Chaque réservation y apparaît comme un événement, se déplace quand elle est reprogrammée et disparaît quand elle est annulée. Un seul calendrier par membre reçoit les réservations : choisir celui-ci désélectionne les autres.
cal-write-calendar = Calendrier qui reçoit les réservations
cal-write-calendar-default = Le calendrier par défaut du compte
cal-on-cancel = Quand une réservation est annulée
cal-on-cancel-delete = Supprimer son événement
cal-on-cancel-mark = Garder son événement, marqué annulé
cal-write-back-save = Enregistrer
cal-last-write = Dernière réservation écrite :
