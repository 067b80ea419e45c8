### Faire tourner le serveur : sauvegardes planifiées.

ops-backup-failed = Une sauvegarde planifiée a échoué
ops-kind-backup-failed = Une sauvegarde planifiée échoue
err-method-not-allowed = cette adresse n’accepte que { $allow }
