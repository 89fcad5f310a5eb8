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

# Passages of two or three sentences, as they come out of reports, blogs and abstracts: one mention each of the
# word in one sense, with the surrounding talk about other things (budgets, methods, dates, people).
HEALTH_PASSAGES = [
    "The trust has been working with its service user council since 2019. Over the last year the council "
    "co-produced the new discharge leaflet with ward staff, and we think it reads better for it.",
    "Staff turnover remained high in both community teams. Even so, the recovery college kept its commitment "
    "to co-production: every course is planned and taught by a peer trainer alongside a clinician.",
    "We asked carers what had changed. Several said co-production had made meetings longer, though most felt "
    "they were finally being listened to (see section 4 for the survey results).",
    "Funding for the pilot ends in March. The steering group, which includes three people with lived "
    "experience, will use the final months to co-produce an evaluation framework with the commissioners.",
    "Our learning disability service held four workshops in the autumn. Self-advocates and support workers "
    "co-produced the easy-read version of the care plan, which is now used across the county.",
    "Not everyone was convinced. One manager told us that co-production sounded good on paper but that "
    "deadlines set by the department left little room for it in practice.",
    "The housing association surveyed 400 tenants last spring. Residents then co-produced the repairs "
    "charter with officers, agreeing response times that both sides could live with.",
    "Peer workers were paid at the same rate as other sessional staff. This mattered, they said, because "
    "co-production without payment tends to favour those who can afford to give their time for free.",
    "The review panel met monthly from June to November. Young people who had left care co-produced the "
    "recommendations, and two of them presented the report to the council's scrutiny committee.",
    "Waiting times for talking therapies fell slightly in the second quarter. The service attributes part of "
    "this to the co-produced triage process designed with people who had used it.",
    "Public health teams in the region ran a small grants scheme. Community groups co-produced the criteria "
    "for awarding the grants, which meant that several new organisations applied for the first time.",
    "The ward introduced shared care reviews in January. Patients, nurses and psychiatrists co-produce the "
    "review notes, although staff admit that on busy days the old format creeps back in.",
]

FILM_PASSAGES = [
    "Shooting began in Tallinn in late February. The six-part drama is a co-production between Estonian and "
    "Finnish public broadcasters, with post-production in Helsinki.",
    "The festival opens on Thursday with a restored print of a 1970s classic. Its closing film, a Franco-"
    "Belgian co-production, had its premiere at Cannes last May.",
    "Distribution rights for Latin America were sold before the shoot. The producers say the co-production "
    "with a Mexican studio made the budget of roughly twelve million dollars possible.",
    "Critics were divided on the adaptation. Several noted that the co-produced series had clearly been "
    "written with both British and American audiences in mind.",
    "The treaty covers feature films, documentaries and animation. An official co-production must meet "
    "minimum spending requirements in each country to qualify for national tax relief.",
    "The studio's slate for next year includes three features. One of them, an animated co-production with "
    "a Korean company, is already in pre-production in Seoul.",
    "Viewing figures for the first episode were the channel's highest in a decade. The period drama was "
    "co-produced with a streaming service, which will carry it outside the UK.",
    "After the director fell ill, filming was suspended for two months. The co-producers agreed to move the "
    "remaining location work from Morocco to southern Spain.",
    "The documentary follows three fishing families over a year. It was co-produced by broadcasters in Norway "
    "and Iceland and will be screened on both channels in the spring.",
    "Funding from the regional film fund came with conditions. As a co-production, the picture had to employ "
    "local crew for at least half of the shooting days.",
    "The children's series was renewed for a second season. Its co-production partners in Canada and France "
    "share the animation work between studios in Montreal and Angouleme.",
    "Box office takings were modest in the domestic market. The distributor nevertheless expects the German-"
    "Austrian co-production to find a larger audience on streaming platforms.",
]

KNOWLEDGE_PASSAGES = [
    "Drawing on science and technology studies, the chapter treats expertise as made in practice. The "
    "co-production of scientific knowledge and social order is traced through three controversies over flood "
    "defences.",
    "The idiom of co-production, as used in STS, refuses to separate what we know about nature from how we "
    "choose to govern it. Our case study of climate models shows why that matters for policy.",
    "Regulatory science is a hybrid activity. In the case of pesticide approvals, knowledge about risk and "
    "the authority of the agency were co-produced over several decades.",
    "The article examines how genomic databases were built in two countries. It argues that national identity "
    "and biological classification were co-produced in the process.",
    "Boundary organisations sit between science and politics. We study how one such body co-produced credible "
    "forecasts and its own legitimacy during a drought.",
    "Sustainability science increasingly calls for knowledge co-production between researchers and "
    "stakeholders. We review 60 such projects and ask what actually changed in the science.",
    "The history of the metric system offers an early example. Standards of measurement and the "
    "administrative reach of the state were, in a real sense, co-produced.",
    "Our interviews with modellers suggest a more mundane picture. Co-production of knowledge here meant "
    "weekly calls with water managers, shared spreadsheets and a lot of negotiation over scenarios.",
    "Jurisdictions differ in how they reason about evidence. Civic epistemologies, on this account, are "
    "co-produced with the institutions that rely on them.",
    "Critics argue the concept has been stretched. When every research partnership is described as the "
    "co-production of knowledge, the term loses the analytical edge it had in STS.",
    "The paper follows a carbon accounting standard from draft to adoption. Technical definitions and market "
    "rules were co-produced by auditors, traders and regulators.",
    "Indigenous knowledge holders and ecologists worked together on the fire management plan. The authors "
    "describe this as knowledge co-production, while noting persistent asymmetries of power.",
]

OTHER_PASSAGES = [
    "The strain was grown in fed-batch culture for 72 hours. Co-production of ethanol and glycerol reduced "
    "the yield of the target compound by about a fifth.",
    "Joint costs are allocated by relative sales value. For the refinery, the co-production of diesel and "
    "jet fuel means that margins on one product depend on demand for the other.",
    "Combined heat and power plants are efficient for a simple reason. The co-production of electricity and "
    "useful heat recovers energy that would otherwise be lost.",
    "Silver is rarely mined on its own. Most of it comes from co-production at lead, zinc and copper mines, so "
    "supply responds slowly to price.",
    "The two-stage digester was fed with food waste from a university canteen. Co-production of hydrogen and "
    "methane was stable over 90 days of operation.",
    "Cobalt prices rose sharply in 2018. Analysts pointed out that its co-production with copper and nickel "
    "limits how quickly miners can increase output.",
    "Fungal cultures on pretreated straw co-produced cellulases and xylanases. Enzyme activity peaked on day "
    "five and declined thereafter.",
    "Sawmills sell wood chips to pulp mills. Because lumber and chips are co-produced, a fall in chip prices "
    "can affect timber supply.",
    "Microalgae were cultivated under nitrogen starvation. The co-production of lipids and pigments made the "
    "process more attractive economically.",
    "Dairy processors face a familiar problem. Butter and skimmed milk powder are co-produced from the same "
    "milk, so a glut of one follows a shortage of the other.",
    "The gas field began operating in 2015. Co-production of condensate alongside natural gas improved the "
    "project's economics in its early years.",
    "Deleting a competing pathway abolished co-production of acetate. The modified strain reached higher cell "
    "densities without the usual drop in pH.",
]

SENSE_PASSAGES = [HEALTH_PASSAGES, FILM_PASSAGES, KNOWLEDGE_PASSAGES, OTHER_PASSAGES]

# Passages that define co-production (participatory sense), in four families of definitions written for colens,
# each passage a definition with some of the report's other business around it.
DEFINITION_FAMILIES = {
    "power": [
        "In this strategy, co-production means an equal relationship in which people who use services and "
        "professionals share power over decisions. It is not the same as asking for feedback at the end.",
        "We use the term carefully. By co-production we mean that staff and service users hold equal power "
        "when they plan, design and run a service, including control over the budget.",
        "Co-production is a way of working in which professionals give up some of their power so that people "
        "with lived experience can share decisions on equal terms. The board endorsed this in May.",
        "For the purposes of this toolkit, co-production is defined as a partnership of equals between people "
        "who use services and those who provide them, with power shared from start to finish.",
        "Co-production, as the network understands it, means redistributing power: patients and clinicians "
        "decide together, and neither side can overrule the other. The pilot tested this on two wards.",
        "The panel agreed a working definition. Co-production is an equal partnership in which citizens and "
        "officers share power and responsibility for decisions about the service.",
        "Co-production means that nobody's voice counts for more than anyone else's: residents and managers "
        "share power over what the service does. Three meetings a year are not enough for that.",
        "We understand co-production as shared decision-making between equals, with people who use services "
        "holding real power alongside staff rather than being consulted after the fact.",
    ],
    "service_input": [
        "Co-production refers to the contribution that citizens make to the delivery of public services, for "
        "example when parents help with homework or residents sort their recycling. The review counts these.",
        "In public administration, co-production is the involvement of service users in producing the services "
        "they receive, alongside the paid staff of an agency. Police and neighbourhood watch are a classic case.",
        "Here co-production means that the people who receive a public service also put in some of the work "
        "of producing it, such as patients managing their own medication at home.",
        "The report defines co-production as the joint delivery of public services by professionals and "
        "citizens, where users supply time and effort that would otherwise have to be paid for.",
        "By co-production, economists of the public sector mean the inputs that users themselves contribute to "
        "a service, which sit beside the inputs of the state. Schools depend heavily on them.",
        "Co-production is defined in the evaluation as citizens contributing their own labour to service "
        "delivery, for instance volunteers running the library alongside council staff.",
        "Co-production, in the sense used by this audit, is the work users do themselves to produce a public "
        "service, like patients monitoring their blood pressure between appointments.",
        "Co-production refers to citizens taking part in the provision of a service they use, for example "
        "households separating waste so that the council's collection works at all.",
    ],
    "research": [
        "In this project, co-production means that researchers, practitioners and members of the public work "
        "together throughout the research, from setting the questions to sharing the findings.",
        "We define co-produced research as a study in which people with lived experience are members of the "
        "research team and share decisions about design, analysis and dissemination.",
        "Co-production in research is an approach where academics and community partners jointly own the "
        "project, agree its questions and interpret the data together. Ethics approval was granted in 2021.",
        "The funder describes co-production as researchers and the people affected by a problem producing "
        "knowledge together, with shared responsibility for every stage of a study.",
        "Co-production, for the purposes of this evaluation, refers to a research process in which service "
        "users and academics collaborate as equal partners in generating evidence.",
        "By co-production of research we mean that patients and researchers design the study together, collect "
        "and analyse data side by side and write up the results jointly.",
        "Co-produced research is defined in the protocol as a study that members of the public and university "
        "researchers plan, carry out and report together. The protocol was revised twice.",
        "In our use of the term, co-production means academics and practitioners conducting a study jointly, "
        "sharing the questions, the methods and the authorship of the findings.",
    ],
    "assets": [
        "Co-production is about recognising people as assets: everyone has skills and experience to offer, and "
        "services should build on these rather than on what people lack. The centre opened in 2018.",
        "We define co-production as building on the strengths and capabilities that people and communities "
        "already have, so that support grows from their own networks and resources.",
        "Co-production means valuing the knowledge, time and abilities of local people as real assets, and "
        "designing support around what they can do rather than around their needs.",
        "In asset-based practice, co-production refers to mobilising the capacities of residents, families "
        "and neighbours so that communities become producers of their own wellbeing.",
        "Co-production is defined here as an approach that starts from people's capabilities and peer networks, "
        "treating them as contributors rather than as passive recipients of care.",
        "The charity explains co-production as drawing on the gifts and skills of people who use services, "
        "seeing each person as an asset who can help others as well as themselves.",
        "Co-production means starting from the assets of a neighbourhood, its people, clubs and skills, and "
        "helping residents put them to use for each other's health.",
        "Co-production is understood as recognising and building on the resources people bring, so that they "
        "are seen as contributors with strengths rather than as problems to be fixed.",
    ],
}
