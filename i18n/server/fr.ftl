# encart's server words in French: its e-mails, their link pages and
# the moderation pages (/admin), which never travel to the widget.
# The messages and their variables are those of server/en.ftl; the language's plural rules and numbers are ../fr.ftl's.

confirm-subject = Confirmez votre adresse pour être prévenu des réponses
confirm-line = Vous avez demandé à être prévenu des réponses à votre commentaire sur « { $title } ».
confirm-button = Confirmer mon adresse
confirm-after = Sans confirmation, nous oublierons cette adresse dans 7 jours. Si vous n'avez rien demandé, ignorez ce message.
answers-subject = { $count ->
    [one] { $author } a répondu à votre commentaire sur « { $title } »
   *[other] { $count } nouvelles réponses à votre commentaire sur « { $title } »
}
wrote = a écrit
read-answer = Lire la réponse
more-answers = D'autres réponses vous attendent dans la discussion.
stop-thread = Ne plus recevoir les réponses de cette discussion
stop-all = Ne plus recevoir aucun e-mail
colon = { " :" }
digest-subject = { $count ->
    [one] Modération : { $count } commentaire en attente
   *[other] Modération : { $count } commentaires en attente
}
digest-line = { $count ->
    [one] { $count } commentaire de { $origin } et des autres sites attend une décision (retenu ou signalé).
   *[other] { $count } commentaires de { $origin } et des autres sites attendent une décision (retenus ou signalés).
}
digest-link = Ouvrir la file de modération
link-invalid = Ce lien n'est pas valide.
confirm-title = Confirmez votre adresse pour être prévenu des réponses à vos commentaires.
confirm = Confirmer
confirmed = Adresse confirmée : vous serez prévenu des réponses.
stopped-thread = Vous ne recevrez plus les réponses de cette discussion.
stopped-all = Vous ne recevrez plus aucun e-mail de nous.

## Les pages de modération (/admin).
admin-heading = Modération encart
admin-sign-in = Se connecter
admin-name = Nom
admin-password = Mot de passe
admin-stale-form = Ce formulaire avait expiré ou ne venait pas de ce site : reconnectez-vous.
admin-too-many = { $seconds ->
    [one] Trop de tentatives. Réessayez dans { $seconds } seconde.
   *[other] Trop de tentatives. Réessayez dans { $seconds } secondes.
}
admin-busy = Le serveur est occupé. Réessayez dans quelques secondes.
admin-wrong = Nom ou mot de passe incorrect.
admin-moderation = Modération
admin-signed-in-as = Connecté(e) en tant que { $moderator }
admin-sign-out = Se déconnecter
admin-awaiting = { $count } en attente de décision
admin-awaiting-shown = { $count } en attente de décision (les { $shown } plus anciens ci-dessous)
admin-with-ticked = Avec les commentaires cochés
admin-approve = Approuver
admin-reject = Rejeter
admin-spam = Indésirable
admin-delete = Supprimer
admin-nothing-awaits = Rien n’attend de décision.
admin-bans = Bannissements en vigueur
admin-ban-which = Bannir l’auteur du commentaire n°
admin-next = Suivant
admin-no-ban = Aucun bannissement en vigueur.
admin-picks = Choix de la rédaction
admin-picks-line = Jusqu’à { $count } commentaires publiés par article, affichés au-dessus de sa discussion.
admin-feature-which = Mettre en avant le commentaire n°
admin-feature = Mettre en avant
admin-no-pick = Aucun commentaire n’est mis en avant.
admin-failed = Envois de webhooks abandonnés
admin-queued = Mis en file (UTC)
admin-event = Événement
admin-webhook = Webhook
admin-attempts = Tentatives
admin-last-error = Dernière erreur
admin-recent = Actions récentes
admin-when = Quand (UTC)
admin-who = Qui
admin-did = Action
admin-comment = Commentaire
admin-article = Article
admin-held = Retenu pour modération a priori
admin-edited = Modifié par son auteur : Approuver publie le nouveau texte, Rejeter garde celui publié
admin-reported = Publié, signalé { $count } fois ({ $reason })
admin-in-reply-to = En réponse à { $author }
admin-select = Sélectionner le commentaire n°{ $comment } de { $author }
admin-signed-in = connecté
admin-on-article = N°{ $comment } sur « { $title } »
admin-new-text = Nouveau texte :
admin-ban-author = Bannir l’auteur…
admin-ban-author-of = Bannir l’auteur du n°{ $comment }
admin-pick = N°{ $comment } de { $author } sur « { $title } »
admin-unfeature = Retirer
admin-unfeature-which = Ne plus mettre en avant le n°{ $comment }
admin-banned-account = { $author } (connecté sur { $site })
admin-banned-erased = Un lecteur de { $site } qui a effacé ses données
admin-banned-address = Messages anonymes depuis l’adresse du commentaire n°{ $comment }
admin-ban-forever = définitivement
admin-ban-until = jusqu’au { $date }
admin-ban-by = par { $moderator } le { $date }
admin-lift = Lever
admin-lift-which = Lever le bannissement { $ban }
admin-ban = Bannir
admin-no-comment = Aucun commentaire de ce numéro (ou il a été supprimé).
admin-back = Retour à la modération
admin-whom-account = { $author }, connecté sur { $site } : son compte est banni, d’où qu’il écrive.
admin-whom-address = { $author }, anonyme : les messages sans connexion venant de l’adresse de ce commentaire sont refusés.
admin-whom-nothing = Un lecteur anonyme dont l’adresse n’est plus conservée : rien ne peut être banni.
admin-for-good = Définitivement
admin-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
admin-reason = Motif (conservé dans le registre)
admin-how-long = Durée
admin-on = Sur « { $title } » · { $date }
admin-approved = { $count ->
    [one] { $count } commentaire approuvé.
   *[other] { $count } commentaires approuvés.
}
admin-rejected = { $count ->
    [one] { $count } commentaire rejeté.
   *[other] { $count } commentaires rejetés.
}
admin-marked-spam = { $count ->
    [one] { $count } commentaire marqué comme indésirable.
   *[other] { $count } commentaires marqués comme indésirables.
}
admin-deleted = { $count ->
    [one] { $count } commentaire supprimé.
   *[other] { $count } commentaires supprimés.
}
admin-now-banned = L’auteur est banni : ses messages sont refusés.
admin-no-address = Rien n’a été banni : le commentaire est anonyme et son adresse n’est plus conservée.
admin-lifted = Le bannissement est levé.
admin-not-in-force = Ce bannissement n’était plus en vigueur.
admin-featured = Le commentaire est mis en avant au-dessus de la discussion de son article.
admin-unfeatured = Le commentaire n’est plus mis en avant.
admin-not-published = Rien n’a été mis en avant : aucun commentaire publié ne porte ce numéro.
admin-picks-full = Rien n’a été mis en avant : son article a déjà { $count } choix ; retirez-en un d’abord.
admin-none-ticked = Rien n’a été décidé : cochez d’abord au moins un commentaire.
## Les actions du registre.
did-approve = a approuvé
did-reject = a rejeté
did-spam = a marqué comme indésirable
did-delete = a supprimé
did-ban = { $count ->
    [one] a banni pour { $count } jour
   *[other] a banni pour { $count } jours
}
did-ban-forever = a banni définitivement
did-lift = a levé un bannissement
did-feature = a mis en avant
did-unfeature = a retiré des choix
did-sign-in = s’est connecté(e)
did-sign-out = s’est déconnecté(e)
