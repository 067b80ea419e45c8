### guest pages.
