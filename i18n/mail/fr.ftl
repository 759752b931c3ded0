# encart's e-mails and their link pages in French: the server's words, which
# never travel to the widget. The messages and their variables are those of
# mail/en.ftl; the language's plural rules and numbers are ../fr.ftl's.

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
