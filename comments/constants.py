"""Names the comments app gives to things readers' browsers see: one place for each."""

# The comment section's id on the article page (links end with #binh-luan).
COMMENTS_ANCHOR = "binh-luan"
# The article page's query parameter for a page of its comments: ?binh-luan=2.
PAGE_PARAM = COMMENTS_ANCHOR
# The reader's latest comment (article id and status token), so the article page can show
# the private status link after the redirect. Signed, so only tokens we issued come back.
STATUS_COOKIE = "hnp_binh_luan"
STATUS_COOKIE_SALT = "comments.status-link"
STATUS_COOKIE_MAX_AGE = 7 * 24 * 3600
