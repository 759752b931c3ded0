# encart's e-mails and their link pages in Spanish: the server's words, which
# never travel to the widget. The messages and their variables are those of
# mail/en.ftl; the language's plural rules and numbers are ../es.ftl's.

confirm-subject = Confirme su dirección para recibir avisos de respuestas
confirm-line = Ha pedido que le avisemos de las respuestas a su comentario en «{ $title }».
confirm-button = Confirmar mi dirección
confirm-after = Sin confirmación, olvidaremos esta dirección en 7 días. Si no ha pedido nada, ignore este mensaje.
answers-subject = { $count ->
    [one] { $author } ha respondido a su comentario en «{ $title }»
   *[other] { $count } respuestas nuevas a su comentario en «{ $title }»
}
wrote = escribió
read-answer = Leer la respuesta
more-answers = Le esperan más respuestas en la conversación.
stop-thread = No recibir más respuestas de esta conversación
stop-all = No recibir ningún correo más
colon = :
digest-subject = { $count ->
    [one] Moderación: { $count } comentario pendiente de decisión
   *[other] Moderación: { $count } comentarios pendientes de decisión
}
digest-line = { $count ->
    [one] { $count } comentario de { $origin } y de los demás sitios espera una decisión (retenido o denunciado).
   *[other] { $count } comentarios de { $origin } y de los demás sitios esperan una decisión (retenidos o denunciados).
}
digest-link = Abrir la cola de moderación
link-invalid = Este enlace no es válido.
confirm-title = Confirme su dirección para recibir avisos de las respuestas a sus comentarios.
confirm = Confirmar
confirmed = Dirección confirmada: le avisaremos de las respuestas.
stopped-thread = Ya no recibirá las respuestas de esta conversación.
stopped-all = Ya no recibirá ningún correo nuestro.
