"""Agency: who co-produces, involves, consults, engages or empowers whom, from dependency parses."""
