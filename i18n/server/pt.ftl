# encart's server words in Portuguese (Brazil): its e-mails, their link pages and
# the moderation pages (/admin), which never travel to the widget.
# The messages and their variables are those of server/en.ftl; the language's plural rules and numbers are ../pt.ftl's.

confirm-subject = Confirme seu endereço para ser avisado das respostas
confirm-line = Você pediu para ser avisado das respostas ao seu comentário em “{ $title }”.
confirm-button = Confirmar meu endereço
confirm-after = Sem confirmação, esqueceremos este endereço em 7 dias. Se você não pediu nada, ignore esta mensagem.
answers-subject = { $count ->
    [one] { $author } respondeu ao seu comentário em “{ $title }”
   *[other] { $count } novas respostas ao seu comentário em “{ $title }”
}
wrote = escreveu
read-answer = Ler a resposta
more-answers = Mais respostas esperam por você na discussão.
stop-thread = Não receber mais respostas desta discussão
stop-all = Não receber mais nenhum e-mail
colon = :
digest-subject = { $count ->
    [one] Moderação: { $count } comentário aguardando decisão
   *[other] Moderação: { $count } comentários aguardando decisão
}
digest-line = { $count ->
    [one] { $count } comentário de { $origin } e dos outros sites aguarda uma decisão (retido ou denunciado).
   *[other] { $count } comentários de { $origin } e dos outros sites aguardam uma decisão (retidos ou denunciados).
}
digest-link = Abrir a fila de moderação
link-invalid = Este link não é válido.
confirm-title = Confirme seu endereço para ser avisado das respostas aos seus comentários.
confirm = Confirmar
confirmed = Endereço confirmado: você será avisado das respostas.
stopped-thread = Você não receberá mais respostas desta discussão.
stopped-all = Você não receberá mais nenhum e-mail nosso.

## As páginas de moderação (/admin).
admin-heading = Moderação do encart
admin-sign-in = Entrar
admin-name = Nome
admin-password = Senha
admin-stale-form = Este formulário expirou ou não veio deste site: entre novamente.
admin-too-many = { $seconds ->
    [one] Tentativas demais. Tente novamente em { $seconds } segundo.
   *[other] Tentativas demais. Tente novamente em { $seconds } segundos.
}
admin-busy = O servidor está ocupado. Tente novamente em alguns segundos.
admin-wrong = Nome ou senha incorretos.
admin-moderation = Moderação
admin-signed-in-as = Conectado como { $moderator }
admin-sign-out = Sair
admin-awaiting = { $count } aguardando decisão
admin-awaiting-shown = { $count } aguardando decisão (os { $shown } mais antigos abaixo)
admin-with-ticked = Com os comentários marcados
admin-approve = Aprovar
admin-reject = Rejeitar
admin-spam = Spam
admin-delete = Excluir
admin-nothing-awaits = Nada aguarda decisão.
admin-bans = Banimentos em vigor
admin-ban-which = Banir o autor do comentário nº
admin-next = Seguinte
admin-no-ban = Nenhum banimento em vigor.
admin-picks = Escolhas da redação
admin-picks-line = Até { $count } comentários publicados por artigo, exibidos acima da sua discussão.
admin-feature-which = Destacar o comentário nº
admin-feature = Destacar
admin-no-pick = Nenhum comentário está destacado.
admin-failed = Envios de webhooks abandonados
admin-queued = Na fila (UTC)
admin-event = Evento
admin-webhook = Webhook
admin-attempts = Tentativas
admin-last-error = Último erro
admin-recent = Ações recentes
admin-when = Quando (UTC)
admin-who = Quem
admin-did = Ação
admin-comment = Comentário
admin-article = Artigo
admin-held = Retido para moderação prévia
admin-edited = Editado pelo autor: Aprovar publica o novo texto, Rejeitar mantém o publicado
admin-reported = { $count ->
    [one] Publicado, denunciado uma vez ({ $reason })
   *[other] Publicado, denunciado { $count } vezes ({ $reason })
}
admin-in-reply-to = Em resposta a { $author }
admin-select = Selecionar o comentário nº { $comment } de { $author }
admin-signed-in = conectado
admin-on-article = Nº { $comment } em “{ $title }”
admin-new-text = Novo texto:
admin-ban-author = Banir o autor…
admin-ban-author-of = Banir o autor do nº { $comment }
admin-pick = Nº { $comment } de { $author } em “{ $title }”
admin-unfeature = Remover destaque
admin-unfeature-which = Remover o destaque do nº { $comment }
admin-banned-account = { $author } (conectado em { $site })
admin-banned-erased = Um leitor de { $site } que apagou seus dados
admin-banned-address = Mensagens anônimas do endereço do comentário nº { $comment }
admin-ban-forever = para sempre
admin-ban-until = até { $date }
admin-ban-by = por { $moderator } em { $date }
admin-lift = Revogar
admin-lift-which = Revogar o banimento { $ban }
admin-ban = Banir
admin-no-comment = Esse comentário não existe (ou foi excluído).
admin-back = Voltar à moderação
admin-whom-account = { $author }, conectado em { $site }: a conta é banida, de onde quer que escreva.
admin-whom-address = { $author }, anônimo: mensagens sem login do endereço de onde veio este comentário são recusadas.
admin-whom-nothing = Um leitor anônimo cujo endereço não é mais guardado: nada pode ser banido.
admin-for-good = Para sempre
admin-days = { $count ->
    [one] { $count } dia
   *[other] { $count } dias
}
admin-reason = Motivo (fica no registro)
admin-how-long = Duração
admin-on = Em “{ $title }” · { $date }
admin-approved = { $count ->
    [one] { $count } comentário aprovado.
   *[other] { $count } comentários aprovados.
}
admin-rejected = { $count ->
    [one] { $count } comentário rejeitado.
   *[other] { $count } comentários rejeitados.
}
admin-marked-spam = { $count ->
    [one] { $count } comentário marcado como spam.
   *[other] { $count } comentários marcados como spam.
}
admin-deleted = { $count ->
    [one] { $count } comentário excluído.
   *[other] { $count } comentários excluídos.
}
admin-now-banned = O autor está banido: suas mensagens são recusadas.
admin-no-address = Nada foi banido: o comentário é anônimo e seu endereço não é mais guardado.
admin-lifted = O banimento foi revogado.
admin-not-in-force = Esse banimento não estava mais em vigor.
admin-featured = O comentário está destacado acima da discussão do seu artigo.
admin-unfeatured = O comentário não está mais destacado.
admin-not-published = Nada foi destacado: nenhum comentário publicado tem esse número.
admin-picks-full = Nada foi destacado: o artigo já tem { $count } escolhas; remova uma primeiro.
admin-none-ticked = Nada foi decidido: marque primeiro pelo menos um comentário.
## As ações do registro.
did-approve = aprovou
did-reject = rejeitou
did-spam = marcou como spam
did-delete = excluiu
did-ban = { $count ->
    [one] baniu por { $count } dia
   *[other] baniu por { $count } dias
}
did-ban-forever = baniu para sempre
did-lift = revogou um banimento
did-feature = destacou
did-unfeature = removeu um destaque
did-sign-in = entrou
did-sign-out = saiu
