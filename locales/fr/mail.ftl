### Mails about the account and the organization.
# Some spaces here are non-breaking (U+00A0), as French typography wants
# before : ; ! ? » and after «: keep them when editing.

mail-footer = Envoyé par Convene. Vous recevez ce message en raison de votre compte ou d'une réservation.
mail-test-subject = Message de test de { $org }
mail-test-body = Bonjour { $name }, ceci est un message de test. Si vous le lisez, les messages de Convene vous parviennent.
mail-digest-subject = { $org } : { $pending } en attente d'approbation, { $failed } messages en échec
mail-digest-pending = En attente d'approbation
mail-digest-failed = Messages non envoyés : { $failed }. Voir la file d'envoi.
mail-invite-subject = { $inviter } vous invite à rejoindre { $org } sur Convene
mail-invite-body = Suivez ce lien pour choisir votre nom et votre mot de passe et rejoindre { $org }. Le lien ne sert qu'une fois et expire le { $expires }.
mail-invite-join = Rejoindre { $org }
mail-email-change-subject = Confirmez votre nouvelle adresse pour { $org }
mail-email-change-body = Quelqu'un (vous, espérons-le) a demandé d'utiliser cette adresse pour votre compte. Suivez le lien pour confirmer ; d'ici là, l'ancienne adresse reste active. Le lien expire le { $expires }.
mail-notification-open = Ouvrir dans Convene

## La réponse à une demande d’adhésion.
mail-approved-subject = Bienvenue chez { $org } : votre demande a été acceptée
mail-approved-body = Un administrateur de { $org } a accepté votre demande d’adhésion. Vous pouvez vous connecter dès maintenant.
mail-approved-sign-in = Se connecter
mail-rejected-subject = Votre demande d’adhésion à { $org }
mail-rejected-body = Un administrateur de { $org } n’a pas accepté votre demande d’adhésion. Si vous pensez qu’il s’agit d’une erreur, contactez l’organisation.

## A link to set a new password.
mail-password-reset-subject = Choisissez un nouveau mot de passe pour { $org }
mail-password-reset-body = Un administrateur de { $org } vous a envoyé ce lien pour choisir un nouveau mot de passe. Suivez-le et choisissez-en un ; l’ancien cessera alors de fonctionner et vous serez déconnecté partout. Le lien ne sert qu’une fois et expire le { $expires }.
mail-password-reset-ignore = Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.
