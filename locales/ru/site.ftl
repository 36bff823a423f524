nav-all-languages = Все языки
feed-link = Подписаться (лента Atom)

series-language-bar-label = Эта серия на других языках
series-all-calls = Все дайджесты серии «{ $series }»
series-description = { $series }: { index-digest-count }
series-nav-label = Эта серия
series-previous = Предыдущий в этой серии
series-next = Следующий в этой серии

not-found-title = Страница не найдена
not-found-text = По этому адресу нет страницы. Возможно, в ссылке опечатка или страница была перемещена.
