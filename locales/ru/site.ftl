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

## Long series: the index shows the newest calls of each, the series page the newest and a page per year

# $series (String): the series name; $count (Number): how many digests it has in all
index-series-all = { $count ->
    [one] { $count ->
        [1] Единственный дайджест серии «{ $series }»
       *[other] Все { NUMBER($count) } дайджест серии «{ $series }»
    }
    [few] Все { NUMBER($count) } дайджеста серии «{ $series }»
    [many] Все { NUMBER($count) } дайджестов серии «{ $series }»
   *[other] Все { NUMBER($count) } дайджеста серии «{ $series }»
}
series-years-label = Дайджесты по годам
# $year (String): the year, e.g. "2024"; $count (Number): how many digests the series has that year
series-year-link = { $year } ({ NUMBER($count) })
# $series (String): the series name; $year (String): the year, e.g. "2024"
series-year-title = «{ $series }», { $year } год
