# encart's words in Portuguese (Brazil, as CLDR's pt). The messages and their variables are those of
# en.ftl (see there for the syntax); `cargo build` checks it.

## How the language counts and writes numbers, from CLDR
## (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html,
## the rules for whole numbers; "other" is what no rule gives).

-plural-one = i = 0..1
-plural-many = e = 0 and i != 0 and i % 1000000 = 0 and v = 0 or e != 0..5
-number-group = .
-number-min-grouping = 1

## The widget.

loading = Carregando o artigo…
by = Por
read-on-its-page = Ler o artigo na página original
retry = Tentar novamente
error-network = Não foi possível acessar o servidor. Verifique sua conexão.
error-timeout = O servidor está demorando demais para responder.
error-not-found = Este artigo não foi encontrado.
error-server = O servidor encontrou um erro.
error-malformed = O servidor enviou uma resposta inesperada.
error-too-large = Este comentário é longo demais para ser enviado.
error-rate-limited = Você está comentando rápido demais: tente de novo em alguns segundos.
loading-comments = Carregando os comentários…
load-more = Mostrar mais comentários
reply = Responder
cancel = Cancelar
leave-comment = Deixe um comentário
name-label = Nome
comment-label = Comentário
honeypot-label = Deixe este campo vazio
post = Publicar
posting = Enviando…
sending = enviando
awaiting-moderation = aguardando moderação: só você pode ver
posted = Obrigado, seu comentário foi publicado.
post-failed = Seu comentário não foi enviado; seu texto foi mantido.
commenting-unavailable = Não é possível enviar comentários desta página.
author-required = Informe seu nome.
author-too-long = Seu nome deve ter no máximo 80 caracteres.
body-required = Escreva seu comentário.
body-too-long = Seu comentário deve ter no máximo 5.000 caracteres.
control-characters = Este texto contém caracteres não permitidos.
notify = Avisar-me por e-mail quando alguém responder
email-label = Seu e-mail (nunca exibido; enviaremos um link para confirmá-lo)
email-required = Informe o endereço para avisarmos você.
email-invalid = Este endereço não é válido.
text-size = Tamanho do texto
text-smaller = Texto menor
text-normal = Texto normal
text-larger = Texto maior
theme = Tema
theme-auto = Automático
theme-light = Claro
theme-dark = Escuro
theme-sepia = Sépia
delete = Excluir
confirm-delete = Excluir este comentário definitivamente?
yes-delete = Sim, excluir
deleting = Excluindo…
report = Denunciar
edit = Editar
edited = editado
edit-label = Seu comentário
save = Salvar
edit-waits = Sua alteração aparecerá depois de aprovada pela moderação.
picks = Escolhas da redação
sort-by = Ordenar
sort-newest = Mais recentes
sort-oldest = Mais antigos
sort-recommended = Mais recomendados
recommend = Recomendar
report-why = Denunciar este comentário como:
reason-spam = Spam
reason-abuse = Ofensivo
reason-off-topic = Fora do assunto
reason-other = Outro
reported = Denunciado, obrigado: a moderação vai analisá-lo.
comment-deleted = Comentário excluído.
commenting-as = Comentando como
sign-in = Entrar
sign-out = Sair
sign-in-to-comment = Entre para comentar.
verified = Conta verificada
staff = Redação
error-sign-in-expired = Sua sessão expirou: entre novamente e seu comentário será enviado.
error-sign-in-invalid = Não foi possível verificar seu login. Recarregue a página.
error-banned = A moderação retirou seu direito de comentar neste site.

## Counts, times and dates.

comments-heading = { $count ->
    [0] Ainda não há comentários
    [one] { $count } comentário
    [many] { $count } de comentários
   *[other] { $count } comentários
}
new-comments = { $count ->
    [one] { $count } comentário novo
    [many] { $count } de comentários novos
   *[other] { $count } comentários novos
}
reading-time = { $minutes } min de leitura
time-now = agora mesmo
time-minutes = há { $minutes } min
time-hours = há { $hours } h
time-days = há { $days } { $days ->
    [one] dia
   *[other] dias
}
date = { $day } de { $month ->
    [1] janeiro
    [2] fevereiro
    [3] março
    [4] abril
    [5] maio
    [6] junho
    [7] julho
    [8] agosto
    [9] setembro
    [10] outubro
    [11] novembro
   *[12] dezembro
} de { NUMBER($year, useGrouping: "false") }
exact-time = { $date }, { NUMBER($hour, minimumIntegerDigits: 2) }:{ NUMBER($minute, minimumIntegerDigits: 2) } UTC

## The loader, where the widget cannot run at all.

reader-unavailable = Não foi possível carregar o leitor de artigos aqui.
