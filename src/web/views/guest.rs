//! Views of this area (filled as its pages move here).
