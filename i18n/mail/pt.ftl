# encart's e-mails and their link pages in Portuguese (Brazil): the server's words, which
# never travel to the widget. The messages and their variables are those of
# mail/en.ftl; the language's plural rules and numbers are ../pt.ftl's.

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
