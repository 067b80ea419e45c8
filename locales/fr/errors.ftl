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
