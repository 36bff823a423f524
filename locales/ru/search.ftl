# heptaglot: the search page, and the search field in the header of every page.

## Search

search-heading = Поиск
search-label = Поиск по дайджестам
search-placeholder = Поиск…
search-button = Найти
search-language-bar-label = Поиск на других языках

# $count (Number): how many passages match; at least 1
search-results = { $count ->
    [one] Найден { NUMBER($count) } результат
    [few] Найдено { NUMBER($count) } результата
    [many] Найдено { NUMBER($count) } результатов
   *[other] Найдено { NUMBER($count) } результата
}
search-no-results = Ничего не найдено. Попробуйте другие слова или уменьшите их число.
search-loading = Загрузка поискового индекса…
search-error = Не удалось загрузить поисковый индекс. Попробуйте ещё раз позже.
search-needs-js = Поиск работает в браузере и требует JavaScript, который отключён или недоступен. Вы по-прежнему можете просмотреть все дайджесты.
search-needs-server = Поиск работает, только когда сайт открыт через веб-сервер: страница, открытая как файл, не может загрузить поисковый индекс. Чтобы просмотреть сайт с поиском, запустите heptaglot serve (docs/serve.md). Вы по-прежнему можете просмотреть все дайджесты.
