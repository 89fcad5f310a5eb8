"""Passages written for colens: ten realistic sentences for each of four distinct usages of co-production."""

PARTICIPATORY = [
    "The trust co-produced its new crisis pathway with people who use mental health services and their carers.",
    "Co-production means service users and clinicians sharing power when they plan and deliver recovery courses.",
    "Peer support workers and nurses co-produce care plans so that patients decide what recovery means for them.",
    "Our charity's co-production group of people with lived experience now sits on the commissioning board.",
    "Genuine co-production requires that service users are paid for their time and involved from the start.",
    "The recovery college curriculum was co-produced by peer trainers and mental health professionals.",
    "Carers told us that co-production in the ward review felt like consultation rather than shared decisions.",
    "Co-producing the community support service with residents changed who controls the budget.",
    "The guidance asks councils to embed co-production with disabled people in adult social care planning.",
    "Service users co-produced the evaluation, choosing the outcomes that mattered to people using the service.",
]

FILM = [
    "The thriller is a Franco-German co-production filmed in Lyon and Berlin with a budget of nine million euros.",
    "Netflix signed a co-production deal with the BBC for a six-part period drama set in Victorian London.",
    "The documentary was co-produced by Danish and Swedish broadcasters and premiered at the Berlin festival.",
    "Under the treaty, an official co-production between Canada and Ireland qualifies for tax credits in both countries.",
    "The animated series is a co-production of studios in Seoul and Los Angeles, with voice work recorded in Paris.",
    "Her debut feature, an Italian-Belgian co-production, won the audience award at Venice last autumn.",
    "The broadcaster co-produces two crime dramas a year with public television partners across Scandinavia.",
    "European quotas count a co-production as domestic content if a member state contributes enough of the budget.",
    "The studio announced a co-production agreement with a Mumbai company to shoot three films in India.",
    "Filming of the co-production moved to Budapest after the producers secured additional funding from Hungary.",
]

BIOLOGY = [
    "The engineered yeast strain showed co-production of ethanol and glycerol under anaerobic fermentation.",
    "Co-production of hydrogen and methane was achieved in a two-stage anaerobic digester fed with food waste.",
    "The bacterium co-produces two antibiotics whose biosynthetic gene clusters are regulated by the same promoter.",
    "We optimised the medium for co-production of lipase and protease by Bacillus subtilis in shake flasks.",
    "Metabolic flux analysis revealed that co-production of succinate limited the yield of the target compound.",
    "The microalgae were cultivated for the co-production of lipids and pigments under nitrogen starvation.",
    "Co-production of lactic acid and biosurfactants by the strain reduced downstream purification costs.",
    "Deleting the competing pathway abolished co-production of acetate during high-density fed-batch culture.",
    "The fungus co-produced cellulases and xylanases when grown on pretreated wheat straw.",
    "Co-production of butanol and acetone by Clostridium remains the classic example of solvent fermentation.",
]

ECONOMICS = [
    "In joint production, the refinery's co-production of diesel and kerosene makes cost allocation arbitrary.",
    "The co-production of wool and mutton means the price of one product depends on demand for the other.",
    "Combined heat and power plants rely on the co-production of electricity and steam to lower marginal costs.",
    "Mining firms report the co-production of silver as a by-product credit that lowers cash costs per ounce of zinc.",
    "The model treats co-production of grain and straw as fixed proportions in the farm's output vector.",
    "Sawmills co-produce lumber and wood chips, so the chip price affects the supply of timber.",
    "Accounting standards allocate joint costs across the co-production of several outputs by relative sales value.",
    "Co-production of natural gas liquids alongside crude oil shifted the economics of shale wells.",
    "Dairy plants co-produce butter and skimmed milk powder from the same intake of raw milk.",
    "Cobalt supply is constrained because its co-production depends on copper and nickel mining.",
]

USAGES = [PARTICIPATORY, FILM, BIOLOGY, ECONOMICS]
