# The site around the digests: series pages, links between calls, feeds and the error page.

nav-all-languages = All languages
# Link text of the Atom feed in the footer.
feed-link = Subscribe (Atom feed)

series-language-bar-label = This series in other languages
# $series (String): the series name, e.g. "Wikimedia Clinics"
series-all-calls = All digests in the series { $series }
# $series (String): the series name; $count (Number): how many digests it has
series-description = { $series }: { index-digest-count }
# Label of the navigation between the calls of a series.
series-nav-label = This series
series-previous = Previous in this series
series-next = Next in this series

not-found-title = Page not found
not-found-text = There is no page at this address. The link may be mistyped, or the page may have moved.

## Long series: the index shows the newest calls of each, the series page the newest and a page per year

# Link below a series on the index, to the series page.
# $series (String): the series name; $count (Number): how many digests it has in all
index-series-all = { $count ->
    [one] The { NUMBER($count) } digest of { $series }
   *[other] All { NUMBER($count) } digests of { $series }
}
# Heading of the links to the year pages of a series.
series-years-label = Digests by year
# A link to one year page of a series.
# $year (String): the year, e.g. "2024"; $count (Number): how many digests the series has that year
series-year-link = { $year } ({ NUMBER($count) })
# The title of one year page of a series.
# $series (String): the series name; $year (String): the year, e.g. "2024"
series-year-title = { $series }, { $year }
