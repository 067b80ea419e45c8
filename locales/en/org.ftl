### org pages.
