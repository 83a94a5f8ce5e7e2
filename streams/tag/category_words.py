"""More evidence for the coarse category: extra topic words (English and French) and entities that
belong to one desk ("NASA" → science, "UEFA" → sport). Data only; `tagger.categorise` weighs it.
"""

from __future__ import annotations

MORE_WORDS: dict[str, str] = {
    "world": "humanitarian hostages hostage militants insurgents rebels airstrike airstrikes shelling truce "
             "occupation annexation genocide famine earthquake quake tsunami typhoon cyclone hurricane evacuated "
             "displaced ambassador envoy foreign-affairs bombardement otages séisme ukraine gaza",
    "politics": "lawmaker legislature legislative caucus veto impeachment governor mayor constitutional senator "
                "congressional parliamentary ballot polls poll candidate candidates coalition prime premier "
                "chancellor conservatives liberals socialist populist far-right far-left minister's motion censure "
                "scrutin sondage candidat candidats premier ministre majorité opposition législatives "
                "présidentielle sénateurs",
    "business": "shareholders shareholder dividend dividends buyback quarterly quarter forecast forecasts outlook "
                "layoffs jobs workforce wages merger mergers takeover stake valuation funding investors lender "
                "lenders loans mortgage bonds bond yields treasury fed rates rate interest deposit crude brent "
                "barrel copper gold commodities exports imports supply demand retailer consumer prices chipmaker "
                "carmaker automaker airline airlines revenue revenues profit-taking sell-off rally ftse nikkei "
                "bénéfice chiffre affaires actionnaires salariés licenciements usine usines résultats trimestre",
    "tech": "software hardware semiconductor semiconductors processor processors cloud servers server chatbot "
            "artificial intelligence algorithm algorithms hacker cybersecurity breach outage browser search "
            "platform platforms social network smartphones iphone ipad android app-store developers developer "
            "robot robots robotics drone-maker start-up logiciel intelligence artificielle cybersécurité",
    "science": "scientist physicists physicist astronomer astronauts astronaut spacecraft satellite satellites "
               "orbit rocket mission lunar moon mars galaxy galaxies asteroid comet fossils dinosaur archaeologists "
               "archaeologist geneticists genetic dna evolution ecosystem biodiversity emissions glacier glaciers "
               "ice sea-level journal peer-reviewed experiment particle boson quantum astronome fusée satellite "
               "chercheur chercheuse découverte",
    "health": "patients patient hospital doctors nurses vaccine vaccination vaccinated measles polio malaria "
              "cholera dengue mpox flu influenza obesity diabetes alzheimer's alzheimer dementia tumour tumor "
              "surgery clinical trial trials therapy medicine medicines pharmaceutical drugmaker epidemic "
              "infections mental wellbeing nhs who fda cdc rougeole vaccin vaccins épidémie hôpitaux soins",
    "sport": "striker midfielder goalkeeper defender coach manager semi-final semi-finals final finals quarter-final "
             "championship champion champions title medal medals gold-medal olympic marathon sprint race lap "
             "grand prix pole podium wicket wickets innings runs inning pitcher quarterback touchdown playoffs "
             "playoff match matches scored goal goals squad transfer stadium premier league liga serie bundesliga "
             "wimbledon slam tennis golf cycling swimming swimmer nageur athlétisme entraîneur buteur victoire "
             "championnat joueur joueurs équipe",
    "entertainment": "box-office actor actress singer rapper band album albums song songs concert concerts tour "
                     "festival film films movie movies director premiere series sitcom drama streaming celebrity "
                     "celebrities oscar oscars emmy emmys grammy grammys bafta cannes hollywood bollywood k-pop "
                     "stadium-tour ticket tickets headline headliner showbiz royal royals comedian comedy musical "
                     "broadway chanteuse chanteur concert réalisateur acteur actrice série cérémonie",
}

ENTITY_CATEGORIES: dict[str, str] = {
    name: category
    for category, names in {
        "science": "NASA;European Space Agency;ESA;CERN;SpaceX;Blue Origin;Fermilab;Nature;Science;"
                   "China National Space Administration;Moon;Mars;Antarctica;Arctic",
        "health": "World Health Organization;Food and Drug Administration;"
                  "Centers for Disease Control and Prevention;NHS;NHS England;Doctors Without Borders;UNICEF;"
                  "Pfizer;Moderna;AstraZeneca;Novartis;Roche;Sanofi;Eli Lilly;Novo Nordisk;Mayo Clinic",
        "sport": "FIFA;UEFA;IOC;NBA;NFL;MLB;NHL;Real Madrid;Barcelona FC;Bayern Munich;Borussia Dortmund;"
                 "Manchester United;Manchester City;Liverpool FC;Arsenal;Juventus;Inter Milan;AC Milan;"
                 "Paris Saint-Germain;Red Bull;McLaren;Ferrari;Wimbledon;Wembley",
        "tech": "Apple;Google;Microsoft;Meta;Facebook;Twitter;Amazon Web Services;Nvidia;OpenAI;Anthropic;Mistral;"
                "Mistral AI;DeepMind;ByteDance;TikTok;Huawei;Samsung;Samsung Electronics;Intel;AMD;Qualcomm;IBM;"
                "Oracle;Salesforce;Cisco;TSMC;SK Hynix;Xiaomi;Tencent;Baidu;Alibaba;Snowflake;Midjourney",
        "business": "Federal Reserve;European Central Bank;Bank of England;Bank of Japan;Wall Street;Nasdaq;"
                    "Dow Jones;S&P 500;FTSE;Nikkei;Goldman Sachs;Morgan Stanley;JPMorgan;BlackRock;Deutsche Bank;"
                    "UBS;Credit Suisse;HSBC;Barclays;OPEC;International Monetary Fund;World Bank;"
                    "World Trade Organization;Boeing;Airbus;TotalEnergies;Shell;BP;ExxonMobil;Chevron;"
                    "Volkswagen;Tesla;BYD;Toyota;General Motors;Ford;Stellantis;Walmart;LVMH",
        "entertainment": "Netflix;Disney;Warner Bros;Warner Bros Discovery;Paramount;NBCUniversal;HBO;Hollywood;"
                         "Universal Pictures;Columbia Records;Live Nation;Ticketmaster;BTS;Beatles;Rolling Stones",
        "politics": "Senate;Congress;Parliament;Bundestag;National Assembly;Labour;Conservative Party;"
                    "Democratic Party;Republican Party;National Rally;Rassemblement national;Élysée;White House;"
                    "Downing Street;Supreme Court",
        "world": "NATO;United Nations;Kremlin;Hamas;Hezbollah;Houthis;Taliban;Islamic State;Pentagon",
    }.items()
    for name in names.split(";")
}

__all__ = ["ENTITY_CATEGORIES", "MORE_WORDS"]
