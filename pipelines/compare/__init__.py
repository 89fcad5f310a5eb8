"""Co-production beside its neighbouring concepts: senses, definitions, collocates, levels, scope, agency and
elasticity of each concept's mentions in the same corpus (`concept_profiles` table, `colens compare`)."""
