"""Events of a case (HURIDOCS event model): what happened, when and where."""
