# heptaglot: the search page, and the search field in the header of every page.
# English is the reference: every other locale translates these messages.

## Search

# Heading and browser title of the search page.
search-heading = Search
# Label of the search field, in the header and on the search page (screen readers read it).
search-label = Search the digests
# Shown inside the empty search field.
search-placeholder = Search…
# The button that starts a search.
search-button = Search
# Label of the language bar on the search page.
search-language-bar-label = Search in other languages

# $count (Number): how many passages match; at least 1 (search-no-results is shown for none).
# The browser fills in the number, so each plural category needs its own variant.
search-results = { $count ->
    [one] { NUMBER($count) } result
   *[other] { NUMBER($count) } results
}
search-no-results = No results. Try other words, or fewer of them.
search-loading = Loading the search index…
search-error = The search index could not be loaded. Please try again later.
# Shown when the browser runs no JavaScript; a link to all digests follows it.
search-needs-js = Search runs in your browser and needs JavaScript, which is turned off or not available. You can still browse all the digests.
# Shown instead of results on a page opened from disk (file:), where browsers do not let
# a page load the index; a link to all digests follows it.
search-needs-server = Search needs the site to be served by a web server: a page opened as a file cannot load the search index. To preview a site with search, run heptaglot serve (docs/serve.md). You can still browse all the digests.
