### members pages.
