"""Word senses of the target term: participatory co-production versus its homonyms (film, STS, biology, ...)."""
