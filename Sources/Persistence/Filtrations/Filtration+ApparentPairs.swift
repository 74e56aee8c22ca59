/// The zero-persistence apparent pairs of any filtration, found with its enumerations (the
/// defaults of `Filtration`'s requirements): a simplex σ and its earliest cofacet τ of σ's own
/// value form one when σ is also τ's latest facet of that value. Such pairs are never reduced.
extension Filtration {
  /// The earliest cofacet, if it has the simplex's own value.
  @inlinable @inline(__always)
  func zeroPivotCofacet(of simplex: FilteredSimplex<Index>, dimension: Int)
    -> FilteredSimplex<Index>?
  {
    var found: FilteredSimplex<Index>?
    forEachCofacet(of: simplex, dimension: dimension) { cofacet, _ in
      if cofacet.value == simplex.value {
        found = cofacet
        return false
      }
      return true
    }
    return found
  }

  /// The latest facet, if it has the simplex's own value, with its incidence sign.
  @inlinable @inline(__always)
  func zeroPivotFacet(of simplex: FilteredSimplex<Index>, dimension: Int)
    -> (facet: FilteredSimplex<Index>, negative: Bool)?
  {
    var found: (facet: FilteredSimplex<Index>, negative: Bool)?
    forEachFacet(of: simplex, dimension: dimension) { facet, negative in
      if facet.value == simplex.value {
        found = (facet, negative)
        return false
      }
      return true
    }
    return found
  }

  @inlinable
  package func zeroApparentCofacet(of simplex: FilteredSimplex<Index>, dimension: Int)
    -> FilteredSimplex<Index>?
  {
    enumeratedZeroApparentCofacet(of: simplex, dimension: dimension)
  }

  @inlinable
  package func zeroApparentFacet(of simplex: FilteredSimplex<Index>, dimension: Int)
    -> (facet: FilteredSimplex<Index>, negative: Bool)?
  {
    enumeratedZeroApparentFacet(of: simplex, dimension: dimension)
  }

  /// `zeroApparentCofacet(of:dimension:)` by definition, with the two enumerations.
  @inlinable
  func enumeratedZeroApparentCofacet(of simplex: FilteredSimplex<Index>, dimension: Int)
    -> FilteredSimplex<Index>?
  {
    guard let cofacet = zeroPivotCofacet(of: simplex, dimension: dimension),
      let (facet, _) = zeroPivotFacet(of: cofacet, dimension: dimension + 1),
      facet.index == simplex.index
    else { return nil }
    return cofacet
  }

  /// `zeroApparentFacet(of:dimension:)` by definition, with the two enumerations.
  @inlinable
  func enumeratedZeroApparentFacet(of simplex: FilteredSimplex<Index>, dimension: Int)
    -> (facet: FilteredSimplex<Index>, negative: Bool)?
  {
    guard dimension >= 1, let (facet, negative) = zeroPivotFacet(of: simplex, dimension: dimension),
      let cofacet = zeroPivotCofacet(of: facet, dimension: dimension - 1),
      cofacet.index == simplex.index
    else { return nil }
    return (facet, negative)
  }
}
