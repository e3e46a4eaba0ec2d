"""The API catalogue: what the corpus's functions do, across 40 domains, and the executable tools.

Each `api(...)` call registers a *concept* (fc.corpus.apis): a domain, name alternatives,
description variants, request templates (`asks`, with {parameter} slots), typed parameters
(`p("name|alternative:kind!")`, "!" = required; kinds in fc.corpus.kinds), a return schema
(results are synthesised from it) and answer templates. fc.corpus.apis expands a concept into
several function schemas with different names and wording; fc.corpus.generate writes
conversations with them.

The second part registers every executable tool of fc/tools (`executable=True`): its schema is
the tool's own, its values come from the seeded world (ids that exist, and a few that do not),
and its results come from running it.

Example:
    .venv/bin/python -c "from fc.corpus import catalogue; from fc.corpus.apis import CONCEPTS; \
print(len(CONCEPTS), len({c.domain for c in CONCEPTS}))"
"""

from __future__ import annotations

from fc.corpus.apis import api, p

# ================================================================== synthetic APIs (by domain)

# ------------------------------------------------------------------ finance
api("finance", "calculate_compound_interest compound_interest_calculator",
    "Calculate the future value and interest earned on an investment with compound interest.|"
    "Compute compound interest for a principal amount over a number of years.",
    "calculate the compound interest on {principal} at an annual rate of {rate} for {years}|"
    "how much will {principal} grow to in {years} at {rate} compounded interest|"
    "work out compound interest for a principal of {principal}, rate {rate}, over {years}",
    [p("principal|initial_amount:money(500,100000)!"),
     p("rate|annual_rate|interest_rate:frac(1,12,2)!", label="annual interest rate"),
     p("years|time_years|duration:iqty.year(1,40)!", label="number of years"),
     p("compounds_per_year|n:enum(1,4,12,365)", say="compounded {v} times a year",
       desc="How many times per year interest is compounded (1, 4, 12 or 365).")],
    "future_value:money(500,500000) interest_earned:money(10,300000)",
    "After {years} the investment grows to {future_value}, of which {interest_earned} is interest.|"
    "The future value is {future_value} ({interest_earned} earned in interest).")
api("finance", "calculate_loan_payment monthly_payment_calculator",
    "Calculate the fixed monthly payment of an amortising loan.|Compute the monthly installment for a loan.",
    "what's the monthly payment on a {amount} loan at {rate} for {term}|"
    "calculate monthly payments for borrowing {amount} over {term} at {rate} interest|"
    "i'm taking a {amount} loan for {term} at {rate}; what will i pay each month",
    [p("amount|loan_amount|principal:money(1000,800000)!", label="loan amount"),
     p("rate|annual_interest_rate:frac(2,15,2)!", label="annual interest rate"),
     p("term|term_months|months:iqty.month(6,360)!", label="loan term in months"),
     p("down_payment:money(500,100000)", say="with a down payment of {v}|putting {v} down")],
    "monthly_payment:money(50,9000) total_interest:money(100,500000)",
    "The monthly payment would be {monthly_payment}, with {total_interest} of interest in total.")
api("finance", "calculate_roi return_on_investment",
    "Calculate the return on investment (ROI) as a percentage.|Compute ROI from cost and final value.",
    "what's the roi if i invested {cost} and it's now worth {final_value}|"
    "calculate the return on investment for an investment of {cost} that returned {final_value}",
    [p("cost|investment|initial_investment:money(100,50000)!", label="amount invested"),
     p("final_value|current_value:money(100,90000)!", label="final value")],
    "roi_percent:pct(-50,200,2)", "The return on investment is {roi_percent}.")
api("finance", "calculate_net_present_value npv_calculator",
    "Calculate the net present value of a series of cash flows at a discount rate.",
    "calculate the npv of cash flows {cash_flows} at a discount rate of {discount_rate}|"
    "what's the net present value for cash flows of {cash_flows} discounted at {discount_rate}",
    [p("cash_flows|flows:nums.int(3,6,-5000,20000)!", label="cash flows"),
     p("discount_rate|rate:frac(2,15,1)!", label="discount rate"),
     p("initial_investment:money(1000,50000)", say="after an initial outlay of {v}|with an initial investment of {v}")],
    "npv:money(-5000,50000)", "The net present value is {npv}.")
api("finance", "calculate_future_value future_value_of_savings",
    "Calculate the future value of regular monthly savings.",
    "if i save {monthly_deposit} a month for {years} at {rate}, how much will i have|"
    "calculate the future value of depositing {monthly_deposit} monthly for {years} at an annual return of {rate}",
    [p("monthly_deposit|deposit:money(50,3000)!", label="monthly deposit"),
     p("years:iqty.year(1,40)!"), p("rate|annual_return:frac(1,10,2)!", label="annual return")],
    "future_value:money(1000,2000000)", "You would have about {future_value}.")
api("finance", "calculate_sales_tax sales_tax_amount",
    "Calculate the sales tax and total price of a purchase.",
    "how much tax on a {price} purchase at a {tax_rate} sales tax|calculate the sales tax for {price} at {tax_rate}",
    [p("price|amount|purchase_amount:money(5,3000)!", label="purchase amount"),
     p("tax_rate:pct(2,12,3)!", label="tax rate"),
     p("state|region:us_state", say="in {v}")],
    "tax:money(1,400) total:money(5,3400)", "The tax is {tax}, for a total of {total}.")
api("finance", "calculate_break_even_point break_even_units",
    "Calculate how many units must be sold to break even.",
    "how many units do i need to sell to break even with fixed costs of {fixed_costs}, a price of {price_per_unit} and "
    "a variable cost of {variable_cost}|find the break-even point for fixed costs {fixed_costs}, unit price "
    "{price_per_unit}, variable cost {variable_cost} per unit",
    [p("fixed_costs:money(1000,200000)!", label="fixed costs"),
     p("price_per_unit|unit_price:money(5,500)!", label="price per unit"),
     p("variable_cost|variable_cost_per_unit:money(1,300)!", label="variable cost per unit")],
    "break_even_units:int(10,50000)", "You break even after selling {break_even_units} units.")
api("finance", "calculate_tip split_bill",
    "Calculate the tip and each person's share of a bill.",
    "split a {bill} bill between {people} with a {tip_percent} tip|calculate a {tip_percent} tip on {bill}",
    [p("bill|bill_amount|total:money(10,800)!", label="bill amount"),
     p("tip_percent|tip_percentage:pct(10,25,0)!", label="tip percentage"),
     p("people|num_people|split_between:iqty.person(1,12)", say="split between {v}|shared by {v}",
       label="number of people")],
    "tip:money(1,200) per_person:money(2,500)", "The tip is {tip}; each person pays {per_person}.")
api("finance", "calculate_depreciation straight_line_depreciation",
    "Calculate the yearly straight-line depreciation of an asset.",
    "calculate annual depreciation for an asset costing {cost} with a salvage value of {salvage_value} over {useful_life}",
    [p("cost|asset_cost:money(1000,500000)!", label="asset cost"),
     p("salvage_value:money(0,20000)!", label="salvage value"),
     p("useful_life|life_years:iqty.year(2,30)!", label="useful life in years")],
    "annual_depreciation:money(50,50000)", "It depreciates by {annual_depreciation} a year.")
api("finance", "calculate_retirement_savings_goal retirement_goal",
    "Estimate the savings needed at retirement to fund a yearly income.",
    "how much do i need saved to retire on {annual_income} a year for {years_in_retirement}|"
    "estimate my retirement savings goal for {annual_income} per year over {years_in_retirement}",
    [p("annual_income|yearly_spending:money(20000,200000)!", label="annual income"),
     p("years_in_retirement|years:iqty.year(10,40)!", label="years in retirement"),
     p("inflation_rate:frac(1,5,1)", say="assuming {v} inflation|with inflation at {v}")],
    "savings_goal:money(100000,5000000)", "You would need about {savings_goal} saved.")

# ------------------------------------------------------------------ stocks and crypto
api("stocks", "get_stock_quote stock_price",
    "Get the latest price of a stock by its ticker symbol.|Retrieve a real-time stock quote.",
    "what's {ticker} trading at|get the current stock price of {ticker}|how much is a share of {ticker} right now",
    [p("ticker|symbol|stock_symbol:ticker!", label="ticker symbol"),
     p("exchange:enum(NASDAQ,NYSE,LSE,TSE)", say="on the {v}|listed on {v}")],
    "price:money(5,900) change_percent:pct(-8,8,2)", "{ticker} is at {price} ({change_percent} today).")
api("stocks", "get_stock_history historical_prices",
    "Get daily closing prices of a stock between two dates.",
    "show {ticker} closing prices from {start_date} to {end_date}|get the price history of {ticker} between {start_date} and {end_date}",
    [p("ticker|symbol:ticker!", label="ticker symbol"), p("start_date:date!", label="start date"),
     p("end_date:date!", label="end date"),
     p("interval:enum(daily,weekly,monthly)", say="at {v} intervals|as {v} data")],
    "first_close:money(5,900) last_close:money(5,900)", "{ticker} went from {first_close} to {last_close}.")
api("stocks", "calculate_portfolio_value portfolio_value",
    "Calculate the total market value of a stock portfolio.",
    "what are my holdings worth: {holdings}|value my portfolio of {holdings}",
    [p("holdings|tickers:list.ticker(2,4)!", label="tickers held"),
     p("currency:enum(USD,EUR,GBP)", say="in {v}")],
    "total_value:money(1000,500000)", "Your portfolio is worth {total_value}.")
api("stocks", "get_dividend_yield dividend_info",
    "Get the dividend yield and last dividend of a stock.",
    "what's the dividend yield of {ticker}|how much does {ticker} pay in dividends",
    [p("ticker|symbol:ticker!", label="ticker symbol")],
    "dividend_yield:pct(0,7,2) last_dividend:money(0,5)", "{ticker} yields {dividend_yield}; the last dividend was {last_dividend}.")
api("stocks", "get_crypto_price crypto_quote",
    "Get the current price of a cryptocurrency.",
    "what's the price of {coin}|how much is {coin} worth in {currency}|get the {coin} price",
    [p("coin|symbol|cryptocurrency:crypto!", label="cryptocurrency"),
     p("currency|vs_currency:enum(USD,EUR,GBP,JPY)!", label="currency")],
    "price:money(0,90000)", "{coin} is at {price}.")

# ------------------------------------------------------------------ shapes (geometry calculators)
api("shapes", "compute_circle_circumference circle_perimeter",
    "Calculate the circumference of a circle from its radius.",
    "what's the circumference of a circle with a radius of {radius}|find the perimeter of a circle of radius {radius}",
    [p("radius:mqty.len(1,500,1)!"), p("unit|units:unitof.radius")],
    "circumference:num(1,3000,2)", "The circumference is {circumference}.")
api("shapes", "compute_triangle_hypotenuse right_triangle_hypotenuse",
    "Calculate the hypotenuse of a right triangle from its two legs.",
    "find the hypotenuse of a right triangle with legs {side_a} and {side_b}|"
    "a right triangle has sides of {side_a} and {side_b}; how long is the hypotenuse",
    [p("side_a|leg_a|a:iqty.unit(1,100)!", label="first leg"), p("side_b|leg_b|b:int(1,100)!", label="second leg"),
     p("round_to|decimals:int(0,4)", say="rounded to {v} decimal places", label="decimal places")],
    "hypotenuse:num(1,150,3)", "The hypotenuse is {hypotenuse}.")
api("shapes", "compute_cylinder_volume cylinder_volume",
    "Calculate the volume of a cylinder.",
    "what's the volume of a cylinder with radius {radius} and height {height}|"
    "compute the volume of a cylinder that is {height} tall with a radius of {radius}",
    [p("radius:mqty.len(1,200,1)!"), p("height:mqty.len(1,500,1)!"),
     p("unit|units:unitof.radius", desc="The unit of the radius and height. Default is 'cm'.|"
       "Unit of measurement for the dimensions (default: cm).|The length unit the dimensions are given in.")],
    "volume:num(1,10000000,2)", "The volume is {volume} cubic centimeters.")
api("shapes", "compute_sphere_surface_area sphere_surface",
    "Calculate the surface area of a sphere.",
    "what is the surface area of a sphere with radius {radius}|compute the surface area of a ball of radius {radius}",
    [p("radius:mqty.len(0.5,100,1)!"), p("units|unit:unitof.radius")],
    "surface_area:num(1,130000,2)", "The surface area is {surface_area}.")
api("shapes", "compute_trapezoid_area trapezoid_area",
    "Calculate the area of a trapezoid from its two parallel sides and height.",
    "find the area of a trapezoid with bases {base_a} and {base_b} and height {height}",
    [p("base_a|top_base:imqty.len(1,80)!", label="first base"), p("base_b|bottom_base:imqty.len(1,80)!", label="second base"),
     p("height:imqty.len(1,60)!"),
     p("unit:unitof.base_a", desc="The unit of the bases and height. Defaults to cm.|The unit of measure used (default: m).")],
    "area:num(1,5000,2)", "The area is {area}.")
api("shapes", "compute_cone_volume cone_volume",
    "Calculate the volume of a right circular cone.",
    "what's the volume of a cone with base radius {radius} and height {height}",
    [p("radius:mqty.len(0.5,50,1)!"), p("height:mqty.len(1,100,1)!"),
     p("unit|units:unitof.radius", desc="The unit of the radius and height. Default is 'cm'.|"
       "The unit of measurement used for the dimensions (optional, default is 'm').")],
    "volume:num(1,260000,2)", "The cone's volume is {volume}.")
api("shapes", "compute_regular_polygon_area regular_polygon_area",
    "Calculate the area of a regular polygon from the number of sides and side length.",
    "area of a regular polygon with {num_sides} sides of length {side_length}|"
    "compute the area of a regular {num_sides}-sided polygon whose sides are {side_length} long",
    [p("num_sides|sides:int(3,12)!", label="number of sides"), p("side_length:qty.unit(1,50,1)!", label="side length")],
    "area:num(1,20000,2)", "The area is {area}.")

# ------------------------------------------------------------------ physics
api("physics", "compute_kinetic_energy kinetic_energy",
    "Calculate the kinetic energy of a moving object.",
    "what is the kinetic energy of a {mass} object moving at {velocity}|"
    "calculate the kinetic energy for a mass of {mass} at a speed of {velocity}",
    [p("mass:qty.kg(0.1,2000,1)!"), p("velocity|speed:qty.ms(0.5,300,1)!", label="velocity")],
    "kinetic_energy_joules:num(1,1000000,2)", "The kinetic energy is {kinetic_energy_joules} joules.")
api("physics", "compute_final_velocity final_speed",
    "Calculate the final velocity of an object under constant acceleration.",
    "an object starts at {initial_velocity} and accelerates at {acceleration} for {time}; what's its final velocity|"
    "find the final velocity with initial velocity {initial_velocity}, acceleration {acceleration} and time {time}",
    [p("initial_velocity|v0:num(0,50,1)!", label="initial velocity", desc="Initial velocity in m/s."),
     p("acceleration|a:num(0.5,20,1)!", desc="Acceleration in m/s^2."),
     p("time|t:qty.s(1,120,1)!", label="time")],
    "final_velocity:num(0,3000,2)", "The final velocity is {final_velocity} m/s.")
api("physics", "compute_gravitational_force gravity_between_masses",
    "Calculate the gravitational force between two masses.",
    "what's the gravitational force between {mass1} and {mass2} that are {distance} apart|"
    "calculate the gravity between two bodies of {mass1} and {mass2} separated by {distance}",
    [p("mass1|m1:qty.kg(1,100000,0)!", label="first mass"), p("mass2|m2:qty.kg(1,100000,0)!", label="second mass"),
     p("distance|r:qty.m(0.1,1000,1)!")],
    "force_newtons:num(0,1,8)", "The force is {force_newtons} newtons.")
api("physics", "compute_ohms_law_current electric_current",
    "Calculate the electric current through a resistor from voltage and resistance (Ohm's law).",
    "what current flows through a {resistance} resistor at {voltage}|"
    "calculate the current with a voltage of {voltage} across {resistance}",
    [p("voltage:qty.v(1,480,1)!"), p("resistance:qty.ohm(1,10000,0)!")],
    "current_amperes:num(0,100,4)", "The current is {current_amperes} amperes.")
api("physics", "compute_wave_frequency frequency_from_wavelength",
    "Calculate the frequency of a wave from its speed and wavelength.",
    "what's the frequency of a wave with a wavelength of {wavelength} moving at {wave_speed}|"
    "find the frequency for a wavelength of {wavelength} and wave speed {wave_speed}",
    [p("wavelength:qty.m(0.01,100,2)!"), p("wave_speed|speed:qty.ms(1,3000,0)!", label="wave speed")],
    "frequency_hz:num(1,100000,2)", "The frequency is {frequency_hz} Hz.")
api("physics", "compute_density material_density",
    "Calculate the density of an object from its mass and volume.",
    "what's the density of something with mass {mass} and volume {volume}|calculate density for {mass} in {volume}",
    [p("mass:qty.kg(0.1,500,1)!"), p("volume:qty.l(0.1,200,1)!"),
     p("unit:enum(kg/m3,g/cm3)", say="in {v}", desc="Unit of the result.")],
    "density:num(1,20000,3)", "The density is {density}.")
api("physics", "compute_projectile_range projectile_distance",
    "Calculate how far a projectile travels on flat ground.",
    "how far does a projectile go if launched at {launch_speed} at an angle of {angle_degrees} degrees|"
    "compute the range of a projectile fired at {launch_speed} and {angle_degrees} degrees",
    [p("launch_speed|initial_speed:qty.ms(1,200,1)!", label="launch speed"),
     p("angle_degrees|angle:int(5,85)!", label="launch angle", desc="Launch angle above the horizontal, in degrees."),
     p("gravity:num(1.6,24.8,2)", say="with gravity of {v} m/s²|where gravity is {v}",
       desc="Gravitational acceleration in m/s^2 (default 9.81).")],
    "range_meters:num(1,5000,2)", "It lands {range_meters} meters away.")
api("physics", "compute_work_done work_by_force",
    "Calculate the work done by a constant force over a distance.",
    "how much work is done pushing with {force} over {distance}|calculate work for a force of {force} moving {distance}",
    [p("force:qty.n(1,5000,0)!"), p("distance:qty.m(0.5,500,1)!"),
     p("angle_degrees:int(0,80)", say="at an angle of {v} degrees", label="angle")],
    "work_joules:num(1,1000000,2)", "The work done is {work_joules} joules.")
api("physics", "compute_electrical_power power_consumption",
    "Calculate electrical power from voltage and current.",
    "what's the power drawn at {voltage} and {current}|calculate power for a voltage of {voltage} and current of {current}",
    [p("voltage:qty.v(1,480,1)!"), p("current:qty.a(0.1,60,1)!")],
    "power_watts:num(1,30000,2)", "That is {power_watts} watts.")
api("physics", "compute_free_fall_time fall_duration",
    "Calculate the time an object takes to fall from a height, ignoring air resistance.",
    "how long does it take to fall from {height}|compute the free fall time from a height of {height}",
    [p("height:qty.m(1,2000,1)!"), p("gravity:num(1.6,24.8,2)", say="with gravity at {v} m/s²",
                                       desc="Gravitational acceleration in m/s^2 (default 9.81).")],
    "time_seconds:num(0.1,30,3)", "It takes {time_seconds} seconds.")
api("physics", "compute_heat_energy heat_required",
    "Calculate the heat needed to change the temperature of a mass of a substance.",
    "how much heat does it take to warm {mass} of {substance} by {temperature_change} degrees|"
    "calculate the energy to raise {mass} of {substance} by {temperature_change} degrees Celsius",
    [p("mass:qty.g(1,5000,0)!"), p("substance|material:enum(water,aluminum,copper,iron,ice)!"),
     p("temperature_change|delta_t:int(1,90)!", label="temperature change", desc="Temperature rise in degrees Celsius.")],
    "energy_joules:num(1,2000000,1)", "It takes {energy_joules} joules.")

# ------------------------------------------------------------------ chemistry
api("chemistry", "compute_molar_mass molecular_weight",
    "Calculate the molar mass of a compound from its chemical formula.",
    "what's the molar mass of {formula}|calculate the molecular weight of {formula}",
    [p("formula|compound|chemical_formula:formula!", label="chemical formula"),
     p("unit:enum(g/mol,kg/mol)", say="in {v}")],
    "molar_mass:num(1,400,3)", "The molar mass of {formula} is {molar_mass} g/mol.")
api("chemistry", "compute_solution_ph ph_from_concentration",
    "Calculate the pH of a solution from its hydrogen ion concentration.",
    "what's the ph of a solution with a hydrogen ion concentration of {concentration} M|"
    "calculate ph for [H+] = {concentration} mol/L",
    [p("concentration|h_concentration:prob!", label="hydrogen ion concentration",
       desc="Hydrogen ion concentration in mol/L.")],
    "ph:num(0,14,2)", "The pH is {ph}.")
api("chemistry", "compute_ideal_gas_pressure gas_pressure",
    "Calculate the pressure of an ideal gas (PV = nRT).",
    "what pressure do {moles} of gas exert at {temperature} in {volume}|"
    "find the pressure of {moles} of an ideal gas in a {volume} container at {temperature}",
    [p("moles|n:qty.mol(0.1,50,2)!", label="amount of gas"), p("temperature|temp_kelvin:qty.k(100,800,0)!"),
     p("volume:qty.l(0.5,100,1)!")],
    "pressure_kpa:num(1,50000,2)", "The pressure is {pressure_kpa} kPa.")
api("chemistry", "compute_dilution final_concentration",
    "Calculate the concentration after diluting a solution (C1V1 = C2V2).",
    "if i dilute {initial_volume} of a {initial_concentration} M solution to {final_volume}, what's the new concentration|"
    "calculate the final concentration when {initial_volume} at {initial_concentration} molar is diluted to {final_volume}",
    [p("initial_concentration|c1:num(0.1,12,2)!", label="initial concentration", desc="Initial concentration in mol/L."),
     p("initial_volume|v1:qty.ml(1,1000,0)!", label="initial volume"),
     p("final_volume|v2:qty.ml(10,5000,0)!", label="final volume")],
    "final_concentration:num(0.001,12,4)", "The new concentration is {final_concentration} M.")
api("chemistry", "compute_radioactive_decay remaining_isotope",
    "Calculate how much of a radioactive isotope remains after some time.",
    "how much of {initial_amount} remains after {elapsed_years} with a half-life of {half_life_years}|"
    "compute the remaining mass of a {initial_amount} sample after {elapsed_years}, half-life {half_life_years}",
    [p("initial_amount|initial_mass:qty.g(1,1000,1)!", label="initial amount"),
     p("elapsed_years|time:iqty.year(1,10000)!", label="elapsed time in years"),
     p("half_life_years|half_life:iqty.year(1,6000)!", label="half-life in years")],
    "remaining_amount:num(0,1000,4)", "About {remaining_amount} grams remain.")
api("chemistry", "get_element_properties element_lookup",
    "Look up the properties of a chemical element.",
    "tell me about the element {element}|what are the properties of {element}|look up {element} on the periodic table",
    [p("element|element_name:element!"),
     p("include_isotopes:bool", say="including its isotopes|with isotopes / without isotopes|skip the isotopes")],
    "atomic_number:int(1,92) atomic_mass:num(1,240,3)", "{element} has atomic number {atomic_number} and atomic mass {atomic_mass}.")
api("chemistry", "balance_chemical_equation equation_balancer",
    "Balance a chemical equation.",
    "balance the equation {equation}|can you balance {equation}",
    [p("equation|reaction:pick(H2 + O2 -> H2O,CH4 + O2 -> CO2 + H2O,Fe + O2 -> Fe2O3,N2 + H2 -> NH3,"
       "C3H8 + O2 -> CO2 + H2O,Al + O2 -> Al2O3,Na + Cl2 -> NaCl)!", label="chemical equation")],
    "balanced:pick(2H2 + O2 -> 2H2O,CH4 + 2O2 -> CO2 + 2H2O,4Fe + 3O2 -> 2Fe2O3)", "Balanced: {balanced}.")

# ------------------------------------------------------------------ biology
api("biology", "compute_bacterial_growth bacteria_population",
    "Calculate a bacterial population after exponential growth.",
    "starting with {initial_population} bacteria that double every {doubling_time}, how many are there after {duration}|"
    "compute bacterial growth from {initial_population} cells over {duration} with a doubling time of {doubling_time}",
    [p("initial_population|start_count:int(10,100000)!", label="initial population"),
     p("duration|time_hours:iqty.h(1,72)!", label="duration in hours"),
     p("doubling_time|doubling_hours:qty.h(0.3,12,1)!", label="doubling time in hours")],
    "final_population:int(100,100000000)", "There would be {final_population} bacteria.")
api("biology", "compute_gc_content dna_gc_ratio",
    "Calculate the GC content of a DNA sequence.",
    "what's the gc content of {sequence}|calculate the GC percentage of the DNA sequence {sequence}",
    [p("sequence|dna_sequence:dna!", label="DNA sequence")],
    "gc_percent:pct(20,80,1)", "The GC content is {gc_percent}.")
api("biology", "get_species_info species_lookup",
    "Get information about an animal species: habitat, diet and conservation status.",
    "tell me about the {species}|what's the conservation status of the {species}|look up the {species}",
    [p("species|common_name:species!"), p("include_range_map:bool", say="with a range map / no map please")],
    "status:enum(least_concern,vulnerable,endangered) habitat:pick(forest,ocean,grassland,wetland,mountains)",
    "The {species} lives in {habitat} habitats and is listed as {status}.")
api("biology", "translate_dna_to_protein dna_translate",
    "Translate a DNA coding sequence into its amino acid sequence.",
    "translate {sequence} into a protein|what protein does the sequence {sequence} code for",
    [p("sequence|dna:dna!", label="DNA sequence"),
     p("reading_frame|frame:enum(1,2,3)", say="in reading frame {v}|using frame {v}")],
    "protein:pick(MRTL,MAIVMGR,MKPG,GLTLA)", "The protein sequence is {protein}.")
api("biology", "get_gene_info gene_lookup",
    "Look up a human gene: its chromosome and function.",
    "what does the {gene} gene do|look up gene {gene}|where is {gene} located",
    [p("gene|gene_symbol:gene!", label="gene symbol"),
     p("organism:enum(human,mouse,zebrafish)", say="in {v}")],
    "chromosome:pick(1,2,7,11,13,17,19,X)", "{gene} is on chromosome {chromosome}.")
api("biology", "compute_population_growth logistic_population",
    "Project a population with logistic growth toward a carrying capacity.",
    "project a population of {initial_population} growing at {growth_rate} a year with carrying capacity {carrying_capacity} "
    "for {years}|how big will a population of {initial_population} be after {years} at a growth rate of {growth_rate} "
    "with a carrying capacity of {carrying_capacity}",
    [p("initial_population:int(10,50000)!", label="initial population"),
     p("growth_rate:frac(1,40,1)!", label="growth rate"),
     p("carrying_capacity:int(1000,1000000)!", label="carrying capacity"), p("years:iqty.year(1,50)!")],
    "population:int(10,1000000)", "The population would reach {population}.")

# ------------------------------------------------------------------ probability and combinatorics
api("probability", "compute_binomial_probability binomial_pmf",
    "Calculate the probability of exactly k successes in n independent trials.",
    "what's the probability of exactly {successes} successes in {trials} trials with p = {probability}|"
    "calculate the binomial probability of {successes} heads in {trials} flips if each has probability {probability}",
    [p("trials|n:int(2,50)!", label="number of trials"), p("successes|k:int(0,20)!", label="number of successes"),
     p("probability|p:prob!", label="success probability")],
    "probability:num(0,1,5)", "The probability is {probability}.")
api("probability", "compute_combinations n_choose_k",
    "Count the ways to choose k items from n without regard to order.",
    "how many ways can i choose {k} from {n}|compute {n} choose {k}|how many combinations of {k} items from a set of {n}",
    [p("n|total_items:int(2,60)!", label="number of items"), p("k|chosen:int(1,20)!", label="number chosen")],
    "combinations:int(1,100000000)", "There are {combinations} combinations.")
api("probability", "compute_permutations arrangements_count",
    "Count the ordered arrangements of k items taken from n.",
    "how many ways can {k} of {n} people finish first, second and so on|compute permutations of {n} items taken {k} at a time",
    [p("n:int(2,30)!", label="number of items"), p("k:int(1,10)!", label="number arranged")],
    "permutations:int(1,100000000)", "There are {permutations} arrangements.")
api("probability", "compute_z_score standard_score",
    "Calculate the z-score of a value given a mean and standard deviation.",
    "what's the z-score of {value} if the mean is {mean} and the standard deviation is {std_dev}|"
    "compute the standard score for {value} with mean {mean} and sd {std_dev}",
    [p("value|x:num(0,200,1)!"), p("mean|mu:num(0,200,1)!"), p("std_dev|sigma:num(0.5,40,1)!", label="standard deviation")],
    "z_score:num(-5,5,3)", "The z-score is {z_score}.")
api("probability", "compute_expected_value expected_payoff",
    "Calculate the expected value of outcomes with given probabilities.",
    "what's the expected value of outcomes {outcomes} with probabilities {probabilities}|"
    "compute the expected value for payoffs {outcomes} and probabilities {probabilities}",
    [p("outcomes|values:nums.int(2,4,-50,200)!", label="outcomes"),
     p("probabilities|weights:nums(2,4,0.1,0.5,1)!", label="probabilities")],
    "expected_value:num(-50,200,3)", "The expected value is {expected_value}.")
api("probability", "compute_confidence_interval mean_confidence_interval",
    "Calculate a confidence interval for a mean.",
    "give me the {confidence_level} confidence interval for a sample mean of {sample_mean}, standard deviation "
    "{std_dev} and {sample_size} observations",
    [p("sample_mean|mean:num(1,500,1)!", label="sample mean"), p("std_dev:num(0.5,80,1)!", label="standard deviation"),
     p("sample_size|n:int(5,5000)!", label="sample size"), p("confidence_level:frac(80,99,0)!", label="confidence level")],
    "lower:num(0,500,2) upper:num(1,600,2)", "The interval is {lower} to {upper}.")

# ------------------------------------------------------------------ weather
api("weather", "get_current_weather current_conditions",
    "Get the current weather for a location.|Retrieve current weather conditions in a city.",
    "what's the weather like in {location}|how's the weather in {location} right now|get the current weather for {location}",
    [p("location|city:city!", label="city"),
     p("unit|units|temperature_unit:enum(celsius,fahrenheit)", say="in {v}|in degrees {v}", label="temperature unit")],
    "temperature:int(-20,40) conditions:pick(sunny,cloudy,light rain,clear,windy,overcast)",
    "It's {temperature} degrees and {conditions} in {location}.")
api("weather", "get_weather_forecast forecast",
    "Get the weather forecast for the coming days.",
    "what's the forecast for {location} for the next {days}|give me a {days} forecast for {location}",
    [p("location|city:us_city!", label="city and state"), p("days|num_days:iqty.day(1,14)!", label="number of days"),
     p("include_hourly:bool", say="with hourly detail|including hourly data / daily summaries only")],
    "high:int(-10,42) low:int(-25,30)", "Over the next {days} expect highs around {high} and lows near {low}.")
api("weather", "get_air_quality air_quality_index",
    "Get the air quality index for a city.",
    "what's the air quality in {city}|how is the aqi in {city} today|check air pollution levels in {city}",
    [p("city|location:city!"), p("pollutant:pollutant", say="for {v}|specifically {v}")],
    "aqi:int(5,300) category:enum(good,moderate,unhealthy)", "The AQI in {city} is {aqi} ({category}).")
api("weather", "get_uv_index uv_forecast",
    "Get the UV index for a location and date.",
    "what's the uv index in {location} on {date}|how strong is the sun in {location} on {date}",
    [p("location:city!"), p("date:date!")],
    "uv_index:int(0,12)", "The UV index will be {uv_index}.")
api("weather", "get_historical_weather weather_history",
    "Get past weather observations for a city on a date.",
    "what was the weather in {city} on {date}|how hot was it in {city} on {date}",
    [p("city:city!"), p("date:date!"), p("metric:enum(temperature,precipitation,wind)", say="just the {v}|focusing on {v}")],
    "temperature:int(-20,42) precipitation_mm:num(0,80,1)", "On {date} it was {temperature} degrees with {precipitation_mm} mm of rain.")

# ------------------------------------------------------------------ travel
api("travel", "search_flights find_flights",
    "Search for flights between two airports on a date.",
    "find flights from {origin} to {destination} on {departure_date}|"
    "i need a flight from {origin} to {destination} leaving {departure_date}|search flights {origin} to {destination} for {departure_date}",
    [p("origin|from_airport:airport!", label="origin airport"), p("destination|to_airport:airport!", label="destination airport"),
     p("departure_date|date:date!", label="departure date"),
     p("passengers|adults:iqty.person(1,6)", say="for {v}", label="number of passengers"),
     p("cabin_class|cabin:enum(economy,premium_economy,business,first)", say="in {v}|flying {v}"),
     p("nonstop_only:bool", say="nonstop only|direct flights only / connections are fine")],
    "cheapest_flight:flight price:money(80,3000)", "The cheapest option is {cheapest_flight} at {price}.")
api("travel", "get_flight_status flight_tracker",
    "Get the live status of a flight.",
    "what's the status of flight {flight_number}|is {flight_number} on time|track flight {flight_number}",
    [p("flight_number|flight:flight!", label="flight number"), p("date:date", say="on {v}|departing {v}")],
    "status:enum(on_time,delayed,boarding,landed) gate:pick(A4,B12,C7,D22,E3)", "{flight_number} is {status}, gate {gate}.")
api("travel", "search_car_rentals rent_car",
    "Search rental cars at a location for a date range.",
    "find a rental car in {location} from {pickup_date} to {return_date}|rent a car in {location} between {pickup_date} and {return_date}",
    [p("location|city:city!"), p("pickup_date:date!", label="pickup date"), p("return_date:date!", label="return date"),
     p("car_type|vehicle_class:enum(economy,compact,suv,van,luxury)", say="a {v} car|class {v}", label="car type")],
    "offers:int(1,30) lowest_daily_rate:money(15,300)", "{offers} offers; the cheapest is {lowest_daily_rate} a day.")
api("travel", "get_visa_requirements visa_check",
    "Check the visa requirements for a citizen travelling to a country.",
    "do {nationality} citizens need a visa for {destination}|check visa rules for travelling from {nationality} to {destination}",
    [p("nationality|citizenship:country!"), p("destination|destination_country:country!", label="destination country"),
     p("stay_days:iqty.day(1,180)", say="for a stay of {v}|staying {v}", label="length of stay")],
    "visa_required:bool max_stay_days:int(14,180)", "")
api("travel", "plan_travel_itinerary trip_planner",
    "Plan a day-by-day itinerary for a trip.",
    "plan a {days} trip to {destination}|make me an itinerary for {days} in {destination}",
    [p("destination|city:city!"), p("days|trip_length:iqty.day(1,14)!", label="number of days"),
     p("interests|themes:list.exercise(1,3)", say="focused on {v}"),
     p("budget|budget_usd:money(200,10000)", say="on a budget of {v}|for under {v}")],
    "stops:int(3,30)", "Here's a {days}-day plan with {stops} stops.")

# ------------------------------------------------------------------ dining and recipes
api("dining", "find_restaurants restaurant_search",
    "Find restaurants in a city by cuisine.",
    "find {cuisine} restaurants in {location}|where can i get {cuisine} food in {location}|search for {cuisine} places in {location}",
    [p("location|city:city!"), p("cuisine|cuisine_type:cuisine!"),
     p("price_level|price_range:enum($,$$,$$$,$$$$)", say="in the {v} range"),
     p("open_now:bool", say="that are open now|open right now / open or closed")],
    "top_match:restaurant rating:num(3,5,1)", "{top_match} is the best match, rated {rating}.")
api("dining", "reserve_restaurant_table book_table",
    "Reserve a table at a restaurant.",
    "book a table at {restaurant} for {party_size} on {date} at {time}|reserve {restaurant} for {party_size} at {time} on {date}",
    [p("restaurant|restaurant_name:restaurant!", label="restaurant"),
     p("party_size|guests:iqty.person(1,12)!", label="party size"), p("date:date!"), p("time:time!"),
     p("special_requests|notes:enum(window seat,high chair,quiet table,outdoor seating)", say="and ask for a {v}")],
    "confirmation:id.RSV(6)", "You're booked at {restaurant}; confirmation {confirmation}.")
api("dining", "search_recipes find_recipes",
    "Search recipes by ingredient and diet.",
    "find a recipe with {ingredient}|what can i cook with {ingredient}|give me recipes using {ingredient}",
    [p("ingredient|main_ingredient:ingredient!"), p("diet|dietary_restriction:diet", say="that is {v}|{v} only"),
     p("max_minutes|max_prep_time:iqty.min(10,120)", say="ready in under {v}|taking at most {v}", label="maximum time")],
    "recipe:dish minutes:int(10,120)", "Try {recipe}; it takes about {minutes} minutes.")
api("dining", "get_nutrition_facts nutrition_lookup",
    "Get nutrition facts for a food and serving size.",
    "how many calories are in {amount} of {food}|nutrition facts for {amount} of {food}",
    [p("food|ingredient:ingredient!"), p("amount|serving_grams:qty.g(10,500,0)!", label="serving size")],
    "calories:int(5,900) protein_g:num(0,60,1)", "{amount} of {food} has {calories} calories and {protein_g} g protein.")
api("dining", "scale_recipe recipe_scaler",
    "Scale a recipe's ingredient amounts to a new number of servings.",
    "scale the {dish} recipe from {original_servings} to {new_servings} servings|"
    "adjust my {dish} recipe for {new_servings} people instead of {original_servings}",
    [p("dish|recipe_name:dish!", label="recipe"), p("original_servings:int(1,8)!", label="original servings"),
     p("new_servings|servings:int(1,30)!", label="new servings")],
    "factor:num(0.1,30,2)", "Multiply every ingredient by {factor}.")

# ------------------------------------------------------------------ health and fitness
api("health", "compute_body_mass_index bmi_calculator",
    "Calculate body mass index from weight and height.",
    "what's my bmi if i weigh {weight} and i'm {height} tall|calculate bmi for {weight} and {height}",
    [p("weight|weight_kg:qty.kg(35,180,1)!"), p("height|height_cm:qty.cm(140,210,0)!"),
     p("system:enum(metric,imperial)", say="using the {v} system")],
    "bmi:num(12,60,1) category:enum(underweight,normal,overweight,obese)", "Your BMI is {bmi} ({category}).")
api("health", "estimate_calories_burned calories_burned",
    "Estimate the calories burned during an activity.",
    "how many calories do i burn doing {activity} for {duration}|calories burned {activity} for {duration} at {weight}",
    [p("activity|exercise:exercise!"), p("duration|minutes:iqty.min(5,180)!", label="duration in minutes"),
     p("weight|body_weight_kg:qty.kg(40,150,0)", say="at a body weight of {v}|weighing {v}", label="body weight")],
    "calories:int(20,2000)", "About {calories} calories.")
api("health", "compute_daily_water_intake water_intake",
    "Recommend a daily water intake from body weight and activity.",
    "how much water should i drink if i weigh {weight}|recommended water intake for someone weighing {weight}",
    [p("weight|weight_kg:qty.kg(35,160,0)!"),
     p("activity_level:enum(sedentary,moderate,active)", say="with a {v} lifestyle|being {v}")],
    "liters:num(1,5,1)", "Aim for about {liters} liters a day.")
api("health", "get_medication_info drug_lookup",
    "Look up a medication's uses, typical dose and side effects.",
    "what is {medication} used for|look up {medication}|what are the side effects of {medication}",
    [p("medication|drug_name:medication!", label="medication"),
     p("include_interactions:bool", say="and list drug interactions|with interactions / no interactions needed")],
    "use:condition", "{medication} is commonly used for {use}.")
api("health", "compute_target_heart_rate heart_rate_zone",
    "Calculate the target heart rate zone for exercise.",
    "what's my target heart rate at age {age}|target heart rate zone for a {age}-year-old",
    [p("age:int(16,85)!"), p("resting_heart_rate|resting_hr:iqty.bpm(40,100)", say="with a resting heart rate of {v}"),
     p("intensity:enum(light,moderate,vigorous)", say="at {v} intensity")],
    "low_bpm:int(80,140) high_bpm:int(120,190)", "Aim for {low_bpm} to {high_bpm} bpm.")
api("health", "find_doctors doctor_search",
    "Find doctors of a specialty near a location.",
    "find a {specialty} near {location}|i need a {specialty} in {location}",
    [p("specialty:enum(dermatologist,cardiologist,pediatrician,dentist,physiotherapist)!"),
     p("location|city:us_city!"), p("accepts_new_patients:bool", say="accepting new patients / any doctor")],
    "doctor:person distance_km:num(0.5,30,1)", "{doctor} is {distance_km} km away.")

# ------------------------------------------------------------------ sports
api("sports", "get_team_standings league_table",
    "Get the current standings of a league.",
    "show me the {league} standings|what's the {league} table right now|who's top of the {league}",
    [p("league|competition:league!"), p("season:year(2015,2025)", say="for the {v} season|in {v}")],
    "leader:team points:int(10,100)", "{leader} leads the {league} with {points} points.")
api("sports", "get_player_stats player_statistics",
    "Get a player's statistics for a season.",
    "get stats for {player}|how did {player} do in {season}|show me {player}'s numbers for the {season} season",
    [p("player|player_name:person!", label="player name"), p("season:year(2010,2025)"),
     p("competition|league:league", say="in the {v}")],
    "games:int(1,82) points_per_game:num(0,35,1)", "{player} played {games} games averaging {points_per_game}.")
api("sports", "get_match_schedule fixtures",
    "Get the upcoming matches of a team.",
    "when does {team} play next|show the next {count} games for {team}|list {team}'s upcoming fixtures",
    [p("team|team_name:team!"), p("count|num_matches:int(1,10)", say="the next {v}", label="number of matches")],
    "next_opponent:team date:date.iso", "{team} play {next_opponent} on {date}.")
api("sports", "get_match_result game_score",
    "Get the final score of a match between two teams on a date.",
    "what was the score of {home_team} vs {away_team} on {date}|who won {home_team} against {away_team} on {date}",
    [p("home_team:team!", label="home team"), p("away_team:team!", label="away team"), p("date:date!")],
    "home_score:int(0,7) away_score:int(0,7)", "It finished {home_score} to {away_score}.")
api("sports", "compute_running_pace pace_calculator",
    "Calculate running pace from distance and time.",
    "what's my pace if i ran {distance} in {minutes}|calculate pace for {distance} in {minutes}",
    [p("distance|distance_km:qty.km(1,42,1)!"), p("minutes|time_minutes:iqty.min(4,300)!", label="time in minutes"),
     p("unit:enum(per_km,per_mile)", say="{v}")],
    "pace:pick(4:35,5:10,5:52,6:20,7:05)", "Your pace is {pace} per kilometer.")

# ------------------------------------------------------------------ music
api("music", "search_songs song_search",
    "Search songs by title or artist.",
    "find the song {title}|search for songs by {artist}|look up tracks by {artist}",
    [p("artist|artist_name:band!", label="artist"), p("title|song_title:title", say="called {v}|titled {v}"),
     p("limit|max_results:int(1,50)", say="show {v} results|top {v} only", label="number of results")],
    "top_song:title year:year(1960,2025)", "The top result is {top_song} ({year}).")
api("music", "find_concerts concert_search",
    "Find upcoming concerts by genre in a city.",
    "find {genre} concerts in {location}|any {genre} shows in {location} coming up",
    [p("genre:genre!"), p("location|city:city!"), p("date_range:obj.date_range", say="{v}"),
     p("max_price|max_ticket_price:money(20,400)", say="under {v}|for at most {v}", label="maximum ticket price")],
    "artist:band venue:venue", "{artist} plays {venue}.")
api("music", "get_chord_progression chords",
    "Generate a chord progression in a key.",
    "give me a chord progression in {key}|suggest chords in {key} for a {genre} song",
    [p("key|music_key:music_key!", label="key"), p("genre|style:genre"),
     p("num_chords|length:int(3,8)", say="with {v} chords", label="number of chords")],
    "progression:pick(I-V-vi-IV,ii-V-I,I-vi-IV-V,vi-IV-I-V)", "Try {progression}.")
api("music", "compute_note_frequency note_frequency",
    "Calculate the frequency of a musical note.",
    "what's the frequency of {note} in octave {octave}|how many hertz is {note}{octave}",
    [p("note:enum(C,D,E,F,G,A,B)!"), p("octave:int(0,8)!"),
     p("tuning|reference_hz:int(415,446)", say="with A4 tuned to {v} Hz", label="reference pitch")],
    "frequency_hz:num(16,8000,2)", "That note is {frequency_hz} Hz.")
api("music", "create_playlist new_playlist",
    "Create a playlist from a set of songs.",
    "make a playlist called {name} with {songs}|create a playlist {name} containing {songs}",
    [p("name|playlist_name:title!", label="playlist name"), p("songs|tracks:list.title(2,4)!"),
     p("public|is_public:bool", say="and make it public / keep it private")],
    "playlist_id:id.PL(6)", "Created {name} ({playlist_id}).")

# ------------------------------------------------------------------ film and TV
api("entertainment", "find_movie_showtimes movie_times",
    "Find showtimes of a movie at cinemas in a city.",
    "when is {movie} showing in {location}|showtimes for {movie} in {location}",
    [p("movie|movie_title:title!", label="movie title"), p("location|city:city!"), p("date:date", say="on {v}"),
     p("format:enum(standard,imax,3d)", say="in {v}")],
    "first_showing:time cinema:venue", "{movie} first shows at {first_showing} at {cinema}.")
api("entertainment", "get_movie_details movie_info",
    "Get details of a movie: year, director, rating.",
    "tell me about the movie {title}|who directed {title}|what's the rating of {title}",
    [p("title|movie_title:title!", label="movie title"), p("year:year(1950,2025)", say="from {v}|released in {v}")],
    "director:person rating:num(1,10,1)", "{title} was directed by {director}; rated {rating}.")
api("entertainment", "recommend_movies movie_recommendations",
    "Recommend movies by genre and minimum rating.",
    "recommend some {genre} movies|suggest a few {genre} films|what {genre} movies should i watch",
    [p("genre:enum(comedy,drama,thriller,sci-fi,horror,animation,documentary)!"),
     p("min_rating:num(5,9,1)", say="rated at least {v}|with a rating above {v}", label="minimum rating"),
     p("count:int(1,10)", say="give me {v}", label="number of movies")],
    "top_pick:title", "You might like {top_pick}.")
api("entertainment", "get_tv_episode episode_lookup",
    "Get details of a TV episode.",
    "what happens in season {season} episode {episode} of {show}|get details of {show} s{season}e{episode}",
    [p("show|series:tv_show!", label="show"), p("season:int(1,12)!"), p("episode:int(1,24)!")],
    "episode_title:title air_date:date.iso", "That episode is {episode_title}, aired {air_date}.")

# ------------------------------------------------------------------ books and libraries
api("books", "search_books book_search",
    "Search books by title, author or subject.",
    "find books about {subject}|search for books on {subject}|look for {subject} books",
    [p("subject|topic:subject!"), p("author:person", say="by {v}|written by {v}"),
     p("published_after:year(1950,2024)", say="published after {v}|newer than {v}", label="earliest year")],
    "top_result:title", "The top result is {top_result}.")
api("books", "check_library_availability library_availability",
    "Check whether a library has a copy of a book available.",
    "is {title} available at the {branch} library|check if the library has {title}",
    [p("title|book_title:title!", label="book title"), p("branch:city", say="at the {v} branch"),
     p("format:enum(print,ebook,audiobook)", say="as an {v}|in {v}")],
    "available:bool copies:int(0,6)", "")
api("books", "get_book_by_isbn isbn_lookup",
    "Look up a book by its ISBN.",
    "look up the book with isbn {isbn}|what book is {isbn}",
    [p("isbn|isbn13:isbn!", label="ISBN")], "title:title author:person", "It's {title} by {author}.")
api("books", "estimate_reading_time reading_time",
    "Estimate how long it takes to read a number of pages.",
    "how long to read {pages} pages at {words_per_minute} words a minute|estimate reading time for a {pages}-page book",
    [p("pages|page_count:int(20,1200)!"), p("words_per_minute|reading_speed:int(150,400)", say="reading {v} words per minute",
                                             label="reading speed")],
    "hours:num(0.5,60,1)", "About {hours} hours.")

# ------------------------------------------------------------------ real estate
api("real_estate", "estimate_home_value property_valuation",
    "Estimate the market value of a home.",
    "what's a {bedrooms}-bedroom, {area} house in {location} worth|estimate the value of a {area} home in {location} "
    "with {bedrooms} bedrooms",
    [p("location|city:us_city!"), p("area|square_feet:iqty.sqft(500,6000)!", label="floor area"),
     p("bedrooms:int(1,7)!"), p("year_built:year(1900,2024)", say="built in {v}", label="year built")],
    "estimated_value:money(80000,3000000)", "Estimated value: {estimated_value}.")
api("real_estate", "search_rental_listings find_apartments",
    "Search apartments for rent.",
    "find apartments for rent in {location} under {max_rent}|show rentals in {location} up to {max_rent} a month",
    [p("location|city:city!"), p("max_rent|budget:money(500,6000)!", label="maximum monthly rent"),
     p("bedrooms|min_bedrooms:int(0,4)", say="with {v} bedrooms|at least {v} bedrooms"),
     p("pets_allowed:bool", say="that allow pets|pet friendly / no pets needed")],
    "listings:int(0,80) median_rent:money(500,6000)", "{listings} listings; median rent {median_rent}.")
api("real_estate", "compute_mortgage_affordability home_affordability",
    "Estimate the most expensive home a buyer can afford.",
    "how much house can i afford on {annual_income} a year with {down_payment} down|"
    "what home price is affordable with an income of {annual_income} and a {down_payment} down payment",
    [p("annual_income|income:money(20000,500000)!", label="annual income"),
     p("down_payment:money(5000,300000)!", label="down payment"),
     p("monthly_debts:money(0,5000)", say="with {v} of monthly debts", label="monthly debts")],
    "max_price:money(50000,3000000)", "You could afford about {max_price}.")
api("real_estate", "compute_rental_yield rental_yield",
    "Calculate the gross rental yield of a property.",
    "what's the rental yield on a {price} property renting for {monthly_rent} a month|"
    "compute gross yield for price {price} and rent {monthly_rent}",
    [p("price|property_price:money(50000,2000000)!", label="property price"),
     p("monthly_rent|rent:money(300,10000)!", label="monthly rent")],
    "gross_yield:pct(1,15,2)", "The gross yield is {gross_yield}.")

# ------------------------------------------------------------------ automotive
api("automotive", "compute_trip_fuel_cost fuel_cost",
    "Calculate the fuel cost of a road trip.",
    "how much will fuel cost to drive {distance} in a car that gets {fuel_efficiency} mpg with gas at {fuel_price} a gallon|"
    "fuel cost for {distance} at {fuel_efficiency} miles per gallon and {fuel_price} per gallon",
    [p("distance|distance_miles:qty.mi(10,3000,0)!"),
     p("fuel_efficiency|mpg:int(12,60)!", label="fuel efficiency", desc="Fuel efficiency in miles per gallon."),
     p("fuel_price|price_per_gallon:money(2,7)!", label="fuel price per gallon")],
    "cost:money(2,800)", "The fuel would cost about {cost}.")
api("automotive", "estimate_car_value vehicle_valuation",
    "Estimate the resale value of a used car.",
    "what's my {year} {model} with {mileage} worth|estimate the value of a {year} {model} with {mileage} on it",
    [p("model|make_model:vehicle!", label="make and model"), p("year|model_year:year(2005,2024)!"),
     p("mileage|odometer_miles:iqty.mi(1000,250000)!", label="mileage"),
     p("condition:enum(poor,fair,good,excellent)", say="in {v} condition")],
    "value:money(1000,60000)", "It's worth about {value}.")
api("automotive", "decode_vin vin_lookup",
    "Decode a vehicle identification number.",
    "decode vin {vin}|what car has the vin {vin}",
    [p("vin:vin!", label="VIN")], "model:vehicle year:year(2000,2024)", "That is a {year} {model}.")
api("automotive", "find_ev_charging_stations charger_search",
    "Find electric vehicle charging stations near a location.",
    "find ev chargers near {location}|where can i charge my car in {location}",
    [p("location:city!"), p("radius|radius_km:qty.km(1,50,0)", say="within {v}"),
     p("connector:enum(ccs,chademo,type2,tesla)", say="with a {v} connector")],
    "stations:int(0,40)", "There are {stations} stations nearby.")

# ------------------------------------------------------------------ education
api("education", "compute_gpa grade_point_average",
    "Calculate a grade point average from grades and credit hours.",
    "calculate my gpa with grades {grades} and credits {credits}|what's my gpa for grades {grades} worth {credits} credits",
    [p("grades|grade_points:nums(2,6,0,4,1)!"), p("credits|credit_hours:nums.int(2,6,1,5)!", label="credit hours"),
     p("scale:enum(4.0,5.0)", say="on a {v} scale")],
    "gpa:num(0,4,2)", "Your GPA is {gpa}.")
api("education", "search_courses course_search",
    "Search university courses by subject.",
    "find {subject} courses at {university}|what {subject} classes does {university} offer",
    [p("subject:subject!"), p("university|school:university!"),
     p("level:grade_level", say="at the {v} level"), p("online_only:bool", say="online only / in person or online")],
    "course:course credits:int(1,6)", "{course} ({credits} credits) matches.")
api("education", "compute_final_exam_grade needed_final_score",
    "Calculate the final exam score needed to reach a target course grade.",
    "what do i need on the final to get {target_grade} if i have {current_grade} and the final is worth {final_weight}|"
    "my grade is {current_grade}, the final counts {final_weight}; what score gets me {target_grade}",
    [p("current_grade:pct(40,99,1)!", label="current grade"), p("target_grade:pct(50,95,0)!", label="target grade"),
     p("final_weight:pct(10,50,0)!", label="weight of the final")],
    "needed_score:pct(0,120,1)", "You need {needed_score} on the final.")
api("education", "generate_quiz quiz_maker",
    "Generate a practice quiz on a subject.",
    "make a {num_questions}-question quiz on {subject}|give me a practice quiz about {subject} with {num_questions} questions",
    [p("subject|topic:subject!"), p("num_questions:int(3,30)!", label="number of questions"),
     p("difficulty:enum(easy,medium,hard)", say="at {v} difficulty|make it {v}")],
    "quiz_id:id.QZ(5)", "Your quiz {quiz_id} is ready.")

# ------------------------------------------------------------------ history
api("history", "get_historical_event event_info",
    "Get the date and a summary of a historical event.",
    "when was the {event}|tell me about the {event}|what year did the {event} happen",
    [p("event|event_name:history_event!", label="event"), p("detail_level:enum(brief,detailed)", say="in {v}|keep it {v}")],
    "year:year(1000,1990)", "The {event} was in {year}.")
api("history", "get_historical_figure biography_lookup",
    "Get a short biography of a historical figure.",
    "who was {name}|give me a biography of {name}|tell me about {name}",
    [p("name|person:figure!"), p("include_quotes:bool", say="with famous quotes / no quotes")],
    "born:year(100,1950) known_for:pick(leadership,science,exploration,reform,writing)", "{name}, born {born}, is known for {known_for}.")
api("history", "get_events_in_year year_in_history",
    "List notable events of a year, optionally in a country.",
    "what happened in {year}|list major events of {year}|what were the key events in {country} in {year}",
    [p("year:year(1500,2000)!"), p("country:country", say="in {v}"),
     p("category|topic:enum(politics,science,war,culture)", say="about {v}")],
    "count:int(1,40)", "I found {count} notable events in {year}.")

# ------------------------------------------------------------------ geography
api("geography", "get_country_info country_facts",
    "Get facts about a country: capital, population, currency.",
    "what's the capital of {country}|tell me about {country}|what's the population of {country}",
    [p("country|country_name:country!"), p("fields:enum(all,population,capital,currency)", say="only the {v}")],
    "capital:city population:int(100000,1400000000)", "{country}'s capital is {capital}; population {population}.")
api("geography", "compute_city_distance distance_between_cities",
    "Calculate the distance between two cities.",
    "how far is {origin} from {destination}|distance between {origin} and {destination}",
    [p("origin|city_a:city!"), p("destination|city_b:city!"),
     p("unit|units:enum(km,miles)", say="in {v}")],
    "distance:num(1,20000,1)", "It's {distance} between {origin} and {destination}.")
api("geography", "get_elevation elevation_lookup",
    "Get the elevation of a mountain or place.",
    "how tall is {place}|what's the elevation of {place}",
    [p("place|location:mountain!"), p("unit:enum(meters,feet)", say="in {v}")],
    "elevation:int(100,8900)", "{place} rises to {elevation}.")
api("geography", "get_river_info river_facts",
    "Get facts about a river: length, source and mouth.",
    "how long is the {river}|where does the {river} flow|tell me about the {river} river",
    [p("river|river_name:river!")], "length_km:int(200,7000)", "The {river} is {length_km} km long.")
api("geography", "get_timezone timezone_lookup",
    "Get the time zone and current local time of a city.",
    "what time zone is {city} in|what time is it in {city}",
    [p("city|location:city!")], "utc_offset:pick(+00:00,+01:00,-05:00,+09:00,+05:30)", "{city} is UTC{utc_offset}.")

# ------------------------------------------------------------------ astronomy
api("astronomy", "get_planet_info planet_facts",
    "Get facts about a planet.",
    "tell me about {planet}|how far is {planet} from the sun|how many moons does {planet} have",
    [p("planet:planet!"), p("include_moons:bool", say="including its moons / skip the moons")],
    "distance_au:num(0.3,31,2) moons:int(0,146)", "{planet} is {distance_au} AU from the Sun with {moons} moons.")
api("astronomy", "compute_light_travel_time light_time",
    "Calculate how long light takes to travel a distance.",
    "how long does light take to travel {distance}|light travel time over {distance}",
    [p("distance|distance_km:qty.km(1000,1000000000,0)!")], "seconds:num(0.01,4000,3)", "Light takes {seconds} seconds.")
api("astronomy", "get_star_info star_lookup",
    "Get information about a star.",
    "tell me about {star}|how far away is {star}|what kind of star is {star}",
    [p("star|star_name:star!")], "distance_ly:num(4,2000,1) spectral_type:pick(A1V,M1Ia,B8Ia,G2V,K5III)",
    "{star} is {distance_ly} light-years away, spectral type {spectral_type}.")
api("astronomy", "get_moon_phase lunar_phase",
    "Get the moon phase on a date.",
    "what's the moon phase on {date}|will there be a full moon on {date}",
    [p("date:date!"), p("location:city", say="as seen from {v}")],
    "phase:pick(new moon,waxing crescent,first quarter,waxing gibbous,full moon,waning gibbous)", "On {date} the moon is a {phase}.")
api("astronomy", "compute_orbital_period kepler_period",
    "Calculate the orbital period of a body from its semi-major axis (Kepler's third law).",
    "what's the orbital period at a semi-major axis of {semi_major_axis}|how long is a year at {semi_major_axis} from a sun-like star",
    [p("semi_major_axis|distance_au:qty.au(0.1,40,2)!", label="semi-major axis"),
     p("star_mass|central_mass:num(0.1,10,1)", say="around a star of {v} solar masses", label="star mass",
       desc="Mass of the central star in solar masses (default 1).")],
    "period_years:num(0.01,300,3)", "The period is {period_years} years.")

# ------------------------------------------------------------------ environment
api("environment", "compute_carbon_footprint trip_emissions",
    "Calculate the CO2 emissions of a journey.",
    "what's the carbon footprint of {distance} by {mode}|how much co2 does a {distance} trip by {mode} emit",
    [p("distance|distance_km:qty.km(1,10000,0)!"), p("mode|transport_mode:enum(car,bus,train,plane,ferry)!"),
     p("passengers:int(1,6)", say="shared by {v} people|with {v} passengers")],
    "co2_kg:num(0,3000,2)", "That trip emits {co2_kg} kg of CO2.")
api("environment", "get_emission_statistics emissions_data",
    "Get greenhouse gas emissions of a country in a year.",
    "what were {country}'s emissions in {year}|co2 emissions of {country} for {year}",
    [p("country:country!"), p("year:year(1990,2023)!"), p("sector:enum(energy,transport,agriculture,industry)", say="from {v}")],
    "megatonnes:num(1,12000,1)", "{country} emitted {megatonnes} Mt in {year}.")
api("environment", "estimate_tree_carbon_capture tree_sequestration",
    "Estimate the CO2 a number of trees absorb over some years.",
    "how much co2 do {trees} trees absorb in {years}|estimate carbon captured by planting {trees} trees over {years}",
    [p("trees|num_trees:int(1,10000)!", label="number of trees"), p("years:iqty.year(1,50)!"),
     p("species|tree_species:enum(oak,pine,maple,eucalyptus)", say="of {v}")],
    "co2_tonnes:num(0.01,5000,2)", "About {co2_tonnes} tonnes of CO2.")
api("environment", "get_species_population wildlife_census",
    "Get the population estimate of a species in a region.",
    "how many {species} are left in {region}|population of the {species} in {region}",
    [p("species:species!"), p("region|country:country!"), p("year:year(2000,2024)", say="as of {v}")],
    "population:int(10,500000)", "There are about {population} left.")

# ------------------------------------------------------------------ legal
api("legal", "search_case_law case_search",
    "Search court cases by keywords and jurisdiction.",
    "find {area} cases in {jurisdiction}|search case law about {area} in {jurisdiction}",
    [p("area|topic:law_area!", label="area of law"), p("jurisdiction:jurisdiction!"),
     p("since_year:year(1950,2024)", say="decided after {v}|since {v}", label="earliest year")],
    "top_case:case_name count:int(0,300)", "{count} cases; the leading one is {top_case}.")
api("legal", "get_case_details case_lookup",
    "Get the details of a court case by its name.",
    "get the details of {case_name}|what was decided in {case_name}",
    [p("case_name|case:case_name!", label="case name"), p("include_opinion:bool", say="with the full opinion / summary only")],
    "year:year(1950,2024) outcome:enum(affirmed,reversed,settled,dismissed)", "{case_name} ({year}) was {outcome}.")
api("legal", "get_statute_of_limitations limitation_period",
    "Get the statute of limitations for a type of claim in a jurisdiction.",
    "what's the statute of limitations for {claim_type} in {jurisdiction}|how long do i have to file a {claim_type} claim in {jurisdiction}",
    [p("claim_type:enum(personal_injury,breach_of_contract,fraud,property_damage)!", label="type of claim"),
     p("jurisdiction:jurisdiction!")], "years:int(1,10)", "You have {years} years in {jurisdiction}.")
api("legal", "draft_nda nda_generator",
    "Draft a non-disclosure agreement between two parties.",
    "draft an nda between {party_a} and {party_b}|write a non-disclosure agreement for {party_a} and {party_b}",
    [p("party_a|disclosing_party:company!", label="disclosing party"), p("party_b|receiving_party:company!", label="receiving party"),
     p("term_years|duration_years:iqty.year(1,10)", say="lasting {v}|for {v}", label="term"),
     p("mutual:bool", say="make it mutual / one-way only")],
    "document_id:id.DOC(6)", "Draft {document_id} is ready.")

# ------------------------------------------------------------------ shopping
api("shopping", "search_products product_search",
    "Search an online store's products.",
    "find {query} under {max_price}|search for {query}|i'm looking for {query}",
    [p("query|keywords:product!", label="search terms"), p("max_price:money(10,2000)", say="under {v}|for at most {v}"),
     p("category:product_category", say="in {v}"), p("sort_by:enum(price,rating,newest)", say="sorted by {v}")],
    "top_result:product price:money(5,2000)", "Top result: {top_result} at {price}.")
api("shopping", "compare_prices price_comparison",
    "Compare a product's price across stores.",
    "compare prices for {product}|where is {product} cheapest",
    [p("product|product_name:product!"), p("zip_code|zip:zip", say="near {v}", label="ZIP code")],
    "best_store:company best_price:money(5,2000)", "{best_store} has it for {best_price}.")
api("shopping", "apply_coupon_code coupon_discount",
    "Apply a discount code to a cart total.",
    "apply coupon {code} to my {cart_total} cart|what's my total after code {code} on {cart_total}",
    [p("code|coupon:pick(SAVE10,SPRING25,WELCOME5,FREESHIP,VIP20)!", label="coupon code"),
     p("cart_total:money(10,1500)!", label="cart total")],
    "new_total:money(5,1500)", "Your new total is {new_total}.")
api("shopping", "compute_discount_price sale_price",
    "Calculate the sale price after a percentage discount.",
    "what's {original_price} with {discount} off|how much is something that costs {original_price} after a {discount} discount",
    [p("original_price|price:money(5,3000)!", label="original price"), p("discount|discount_percent:pct(5,80,0)!", label="discount")],
    "final_price:money(1,3000)", "It costs {final_price} after the discount.")
api("shopping", "track_package shipment_tracking",
    "Track a parcel by its tracking number.",
    "where is my package {tracking_number}|track {tracking_number}",
    [p("tracking_number:id.TRK(9)!", label="tracking number"),
     p("carrier:enum(ups,fedex,usps,dhl)", say="with {v}|shipped via {v}")],
    "status:enum(in_transit,out_for_delivery,delivered) eta:date.iso", "It's {status}; expected {eta}.")

# ------------------------------------------------------------------ jobs
api("jobs", "search_jobs job_search",
    "Search job listings by title and location.",
    "find {job_title} jobs in {location}|any {job_title} openings in {location}",
    [p("job_title|role:job_title!", label="job title"), p("location:city!"),
     p("remote:bool", say="remote only|that are remote / on-site is fine"),
     p("min_salary:money(20000,250000)", say="paying at least {v}", label="minimum salary")],
    "count:int(0,500) top_employer:company", "{count} openings; {top_employer} is hiring.")
api("jobs", "estimate_salary salary_estimate",
    "Estimate the salary range for a role.",
    "what does a {job_title} earn|what's the typical salary for a {job_title}|salary for a {job_title} in {location}",
    [p("job_title:job_title!"), p("location:city"), p("experience_years:iqty.year(0,30)", say="with {v} of experience",
                                                      label="years of experience")],
    "median:money(20000,300000)", "The median salary is {median}.")
api("jobs", "compute_take_home_pay net_salary",
    "Calculate take-home pay after tax.",
    "what's my take-home pay on a {gross_salary} salary at a {tax_rate} tax rate|net pay for {gross_salary} taxed at {tax_rate}",
    [p("gross_salary|salary:money(15000,400000)!", label="gross salary"), p("tax_rate:frac(5,45,1)!", label="tax rate"),
     p("pay_period:enum(annual,monthly,biweekly)", say="per {v} period|as a {v} figure")],
    "net_pay:money(1000,300000)", "Your take-home pay is {net_pay}.")
api("jobs", "compute_overtime_pay overtime_calculator",
    "Calculate pay including overtime for a week.",
    "i worked {hours_worked} at {hourly_rate} an hour; what's my pay with overtime|"
    "calculate weekly pay for {hours_worked} at {hourly_rate}",
    [p("hours_worked|hours:qty.h(30,80,1)!", label="hours worked"), p("hourly_rate|rate:money(10,120)!", label="hourly rate"),
     p("overtime_multiplier:num(1.5,2,1)", say="at {v} times for overtime", label="overtime multiplier")],
    "total_pay:money(300,10000)", "Your pay is {total_pay}.")

# ------------------------------------------------------------------ social media
api("social", "create_social_post publish_post",
    "Publish a post to a social media account.",
    "post {text} on {platform}|publish {text} to my {platform}",
    [p("text|content:message!", label="post text"), p("platform:enum(twitter,instagram,linkedin,facebook)!"),
     p("hashtags|tags:list.hashtag(1,3)", say="with the hashtags {v}|tagged {v}"),
     p("schedule_time|publish_at:datetime", say="scheduled for {v}|at {v}", label="publish time")],
    "post_id:id.POST(8)", "Posted ({post_id}).")
api("social", "get_follower_count followers",
    "Get the follower count of an account.",
    "how many followers does {username} have|get the follower count for {username}",
    [p("username|handle:username!"), p("platform:enum(twitter,instagram,tiktok,youtube)", say="on {v}")],
    "followers:int(0,5000000)", "{username} has {followers} followers.")
api("social", "get_trending_hashtags trending_topics",
    "Get trending hashtags in a country.",
    "what's trending in {country}|show the top {limit} hashtags in {country}",
    [p("country|region:country!"), p("limit:int(3,20)", say="top {v}", label="number of hashtags")],
    "top:hashtag", "{top} is trending.")

# ------------------------------------------------------------------ news
api("news", "get_news_headlines top_headlines",
    "Get the latest news headlines about a topic.",
    "what's the latest news on {topic}|get headlines about {topic}|any news about {topic}",
    [p("topic|query:news_topic!"), p("country:country", say="in {v}|from {v}"),
     p("max_results|limit:int(1,20)", say="just {v} articles|top {v}", label="number of articles"),
     p("language:enum(en,es,fr,de)", say="in {v}")],
    "count:int(0,50)", "I found {count} recent articles.")
api("news", "summarize_article article_summary",
    "Summarise a news article from its URL.",
    "summarize {url}|give me a summary of the article at {url}",
    [p("url:url!", label="article URL"), p("max_sentences|length:int(1,10)", say="in {v} sentences", label="length")],
    "summary_id:id.SUM(5)", "")

# ------------------------------------------------------------------ devops and software
api("devops", "get_service_status service_health",
    "Get the health of a deployed service.",
    "is {service} healthy in {environment}|check the status of {service} on {environment}",
    [p("service|service_name:service!"), p("environment|env:environment!"),
     p("include_metrics:bool", say="with metrics / status only")],
    "status:enum(healthy,degraded,down) uptime_percent:pct(90,100,2)", "{service} is {status} ({uptime_percent} uptime).")
api("devops", "deploy_service release_deploy",
    "Deploy a version of a service to an environment.",
    "deploy {service} version {version} to {environment}|roll out {service} {version} on {environment}",
    [p("service:service!"), p("version:pick(1.4.2,2.0.0,3.1.7,0.9.12,5.2.1)!"), p("environment:environment!"),
     p("canary|canary_percent:pct(5,50,0)", say="as a {v} canary", label="canary share")],
    "deployment_id:id.DEP(6)", "Deployment {deployment_id} started.")
api("devops", "list_repo_issues github_issues",
    "List issues of a code repository.",
    "list open issues in {repo}|show the {state} issues of {repo}",
    [p("repo|repository:repo!"), p("state:enum(open,closed,all)", say="that are {v}"),
     p("label|labels:enum(bug,enhancement,documentation)", say="labelled {v}")],
    "count:int(0,300)", "{repo} has {count} matching issues.")
api("devops", "get_package_version package_info",
    "Get the latest version of a software package.",
    "what's the latest version of {package}|which version of {package} is current on {registry}",
    [p("package|package_name:package!"), p("registry:enum(pypi,npm,crates,maven)!")],
    "version:pick(2.31.0,1.26.4,4.17.21,4.18.2,2.2.1)", "The latest {package} is {version}.")
api("devops", "scale_service autoscale",
    "Set the number of replicas of a service.",
    "scale {service} to {replicas} replicas|run {replicas} instances of {service}",
    [p("service:service!"), p("replicas|instances:int(1,50)!"), p("environment:environment", say="in {v}")],
    "replicas:int(1,50)", "{service} now runs {replicas} replicas.")

# ------------------------------------------------------------------ networking
api("networking", "lookup_ip_address ip_geolocation",
    "Look up the location and owner of an IP address.",
    "where is {ip} located|look up the ip {ip}",
    [p("ip|ip_address:ip!", label="IP address")], "country:country isp:company", "{ip} is in {country} ({isp}).")
api("networking", "check_website_status site_uptime",
    "Check whether a website is up and how fast it responds.",
    "is {url} down|check if {url} is up",
    [p("url|website:url!"), p("timeout_seconds|timeout:iqty.s(1,30)", say="with a {v} timeout", label="timeout")],
    "up:bool response_ms:int(20,3000)", "")
api("networking", "compute_download_time download_duration",
    "Calculate how long a download takes at a connection speed.",
    "how long to download {file_size} at {speed}|download time for {file_size} on a {speed} connection",
    [p("file_size|size_gb:qty.gb(0.1,200,1)!", label="file size"), p("speed|bandwidth_mbps:qty.mbps(1,1000,0)!", label="speed")],
    "seconds:num(1,2000000,1)", "It takes about {seconds} seconds.")
api("networking", "compute_subnet subnet_calculator",
    "Calculate the network range of an IP address and prefix length.",
    "what's the subnet of {ip} with a /{prefix_length} prefix|compute the network range for {ip}/{prefix_length}",
    [p("ip|address:ip!"), p("prefix_length|cidr:int(8,30)!", label="prefix length")],
    "hosts:int(2,16000000)", "That subnet has {hosts} usable hosts.")

# ------------------------------------------------------------------ smart home
api("smart_home", "set_thermostat thermostat_control",
    "Set the target temperature of a thermostat.",
    "set the {room} thermostat to {temperature}|make the {room} {temperature}",
    [p("room|zone:room!"), p("temperature|target_temperature:qty.c(15,28,1)!"),
     p("mode:enum(heat,cool,auto)", say="in {v} mode")],
    "set_to:num(15,28,1)", "The {room} is set to {set_to} degrees.")
api("smart_home", "control_lights light_switch",
    "Turn lights on or off and set brightness.",
    "turn the {room} lights {state}|switch the lights in the {room} {state}",
    [p("room:room!"), p("state:enum(on,off)!"),
     p("brightness|brightness_percent:pct(5,100,0)", say="at {v} brightness|dimmed to {v}")],
    "ok:bool", "Done: the {room} lights are {state}.")
api("smart_home", "lock_door door_lock",
    "Lock or unlock a smart door lock.",
    "{action} the {door}|please {action} the {door}",
    [p("door|lock_name:enum(front door,back door,garage door,side gate)!", label="door"),
     p("action:enum(lock,unlock)!")], "locked:bool", "")
api("smart_home", "get_energy_usage home_energy_report",
    "Get the home's electricity use over a period.",
    "how much electricity did we use {period}|show energy usage for {period}",
    [p("period:enum(today,this week,this month,last month)!"), p("device:device", say="for the {v}")],
    "kwh:num(1,2000,1)", "You used {kwh} kWh {period}.")

# ------------------------------------------------------------------ energy
api("energy", "estimate_solar_output solar_production",
    "Estimate the yearly electricity production of solar panels.",
    "how much power will a {system_size} kW solar system produce in {location}|"
    "estimate annual output of {system_size} kW of panels in {location}",
    [p("system_size|capacity_kw:num(1,20,1)!", label="system size", desc="Panel capacity in kilowatts."),
     p("location:city!"), p("tilt_degrees|tilt:int(0,60)", say="tilted at {v} degrees", label="tilt")],
    "annual_kwh:int(500,40000)", "Expect about {annual_kwh} kWh a year.")
api("energy", "compute_appliance_energy_cost appliance_cost",
    "Calculate what an appliance costs to run.",
    "how much does it cost to run a {power} {appliance} for {hours_per_day} a day at {price_per_kwh} per kWh|"
    "running cost of a {appliance} drawing {power}, {hours_per_day} daily, electricity {price_per_kwh} a kWh",
    [p("appliance:appliance!"), p("power|watts:iqty.w(5,3000)!"), p("hours_per_day:qty.h(0.5,24,1)!", label="hours per day"),
     p("price_per_kwh|rate:money(0,1)!", label="price per kWh")],
    "monthly_cost:money(0,500)", "It costs about {monthly_cost} a month.")
api("energy", "get_energy_mix grid_mix",
    "Get the share of each energy source in a country's electricity.",
    "what's the energy mix in {country}|how much of {country}'s power comes from {source}",
    [p("country:country!"), p("source:energy_source", say="for {v}|specifically {v}"), p("year:year(2000,2024)", say="in {v}")],
    "share_percent:pct(0,100,1)", "{share_percent} of the electricity.")

# ------------------------------------------------------------------ pets
api("pets", "compute_pet_food_portion pet_food",
    "Calculate a pet's daily food portion.",
    "how much should i feed my {weight} {animal}|daily food for a {animal} weighing {weight}",
    [p("animal|species:enum(dog,cat,rabbit)!"), p("weight|weight_kg:qty.kg(0.5,70,1)!"),
     p("activity_level:enum(low,normal,high)", say="with {v} activity|who is {v} energy")],
    "grams_per_day:int(20,1500)", "Feed about {grams_per_day} grams a day.")
api("pets", "get_breed_info breed_lookup",
    "Get information about a dog breed.",
    "tell me about {breed}s|what's the temperament of a {breed}|how big do {breed}s get",
    [p("breed:dog_breed!")], "lifespan_years:int(8,16) size:enum(small,medium,large)", "{breed}s are {size}, living about {lifespan_years} years.")
api("pets", "find_veterinarians vet_search",
    "Find veterinary clinics near a location.",
    "find a vet near {location}|any emergency vets in {location}",
    [p("location:us_city!"), p("emergency:bool", say="open for emergencies|24-hour / regular hours are fine")],
    "clinic:company distance_km:num(0.2,25,1)", "{clinic} is {distance_km} km away.")
api("pets", "convert_pet_age pet_human_years",
    "Convert a pet's age to human years.",
    "how old is my {age} {animal} in human years|convert a {age} {animal}'s age to human years",
    [p("age|pet_age:iqty.year(1,20)!"), p("animal|species:enum(dog,cat)!")],
    "human_years:int(10,100)", "That's about {human_years} in human years.")

# ------------------------------------------------------------------ arts and museums
api("arts", "get_artwork_info artwork_lookup",
    "Get information about a famous artwork.",
    "who painted {artwork}|tell me about {artwork}|where is {artwork} displayed",
    [p("artwork|title:artwork!"), p("include_provenance:bool", say="with its provenance / skip the provenance")],
    "artist:painter museum:museum", "{artwork} is by {artist}, at the {museum}.")
api("arts", "get_museum_hours museum_schedule",
    "Get a museum's opening hours on a date.",
    "when is the {museum} open on {date}|opening hours of the {museum} on {date}",
    [p("museum|museum_name:museum!"), p("date:date!")], "opens:time closes:time", "It's open {opens} to {closes}.")
api("arts", "search_art_exhibitions exhibition_search",
    "Find art exhibitions in a city.",
    "find {movement} exhibitions in {city}|any art exhibitions in {city}",
    [p("city:city!"), p("movement|style:art_movement", say="about {v}"),
     p("month:enum(January,February,March,April,May,June,July,August,September,October,November,December)", say="in {v}")],
    "exhibition:title venue:museum", "{exhibition} is on at the {venue}.")

# ------------------------------------------------------------------ gaming
api("gaming", "get_game_leaderboard leaderboard",
    "Get the top players of a game.",
    "who's top of the {game} leaderboard|show the {game} leaderboard",
    [p("game|game_title:game!"), p("platform:platform", say="on {v}"), p("top_n|limit:int(3,50)", say="top {v}",
                                                                            label="number of players")],
    "leader:username score:int(1000,999999)", "{leader} leads with {score}.")
api("gaming", "get_player_profile gamer_profile",
    "Get a player's profile and rank in a game.",
    "look up {username} in {game}|what rank is {username} in {game}",
    [p("username|player:username!"), p("game:game!")], "rank:int(1,100000) level:int(1,120)", "{username} is rank {rank}, level {level}.")
api("gaming", "compute_dice_probability dice_odds",
    "Calculate the probability of rolling a total with some dice.",
    "what are the odds of rolling a {target} with {dice} dice|probability of a total of {target} on {dice} dice",
    [p("target|target_sum:int(2,30)!", label="target total"), p("dice|num_dice:int(1,5)!", label="number of dice"),
     p("sides|faces:int(4,20)", say="with {v} sides each|of {v} faces", label="sides per die")],
    "probability:num(0,1,5)", "The probability is {probability}.")

# ------------------------------------------------------------------ events and tickets
api("events", "search_event_tickets ticket_search",
    "Search tickets for events in a city.",
    "find {event_type} tickets in {city}|any {event_type} events in {city} on {date}",
    [p("event_type|category:event_type!", label="event type"), p("city:city!"), p("date:date", say="on {v}"),
     p("max_price:money(10,500)", say="under {v}", label="maximum price")],
    "event:title venue:venue price:money(10,500)", "{event} at {venue}, from {price}.")
api("events", "buy_event_tickets purchase_tickets",
    "Buy tickets for an event.",
    "buy {quantity} tickets for {event}|get me {quantity} seats for {event}",
    [p("event|event_name:title!", label="event"), p("quantity|num_tickets:int(1,10)!", label="number of tickets"),
     p("section:enum(floor,balcony,lower,upper,vip)", say="in the {v} section")],
    "order_id:id.TIX(7) total:money(10,5000)", "Order {order_id}: {total}.")

# ------------------------------------------------------------------ transport
api("transport", "plan_transit_route transit_directions",
    "Plan a public transport route between two places.",
    "how do i get from {origin} to {destination} by public transport|transit directions from {origin} to {destination}",
    [p("origin|start:landmark!"), p("destination|end:museum!"),
     p("mode|transit_mode:transit_mode", say="by {v}|using the {v}"), p("depart_at|departure_time:time", say="leaving at {v}")],
    "minutes:int(5,120) transfers:int(0,3)", "It takes {minutes} minutes with {transfers} transfers.")
api("transport", "estimate_ride_fare ride_price",
    "Estimate the fare of a ride-hailing trip.",
    "how much is a ride from {pickup} to {dropoff}|estimate a {ride_type} fare from {pickup} to {dropoff}",
    [p("pickup|origin:landmark!"), p("dropoff|destination:landmark!"), p("ride_type:ride_type", say="for a {v} ride")],
    "fare:money(5,150)", "The fare is about {fare}.")
api("transport", "get_train_schedule train_times",
    "Get train departures between two cities on a date.",
    "trains from {origin} to {destination} on {date}|when are the trains from {origin} to {destination} on {date}",
    [p("origin:city!"), p("destination:city!"), p("date:date!"), p("first_class:bool", say="first class / standard class")],
    "first_departure:time duration_minutes:int(30,600)", "The first train leaves at {first_departure}.")

# ------------------------------------------------------------------ language and words
api("language", "translate_text text_translator",
    "Translate text into another language.",
    "translate {text} into {target_language}|how do you say {text} in {target_language}",
    [p("text:message!"), p("target_language|to_language:language!", label="target language"),
     p("source_language|from_language:language", say="from {v}", label="source language"),
     p("formality:enum(formal,informal)", say="in a {v} tone")],
    "translation_id:id.TR(5)", "")
api("language", "get_word_definition dictionary_lookup",
    "Look up the definition of a word.",
    "define {word}|what does {word} mean|look up the meaning of {word}",
    [p("word:pick(serendipity,ephemeral,ubiquitous,laconic,quixotic,sonder,petrichor,halcyon)!"),
     p("language:language", say="in {v}"), p("include_examples:bool", say="with example sentences / no examples")],
    "part_of_speech:enum(noun,adjective,verb)", "{word} is a {part_of_speech}.")
api("language", "count_syllables syllable_counter",
    "Count the syllables in a phrase.",
    "how many syllables are in {phrase}|count the syllables of {phrase}",
    [p("phrase|text:title!")], "syllables:int(1,30)", "It has {syllables} syllables.")

# ------------------------------------------------------------------ geology
api("geology", "get_recent_earthquakes earthquake_feed",
    "List recent earthquakes near a location above a magnitude.",
    "any earthquakes near {location} above magnitude {min_magnitude}|recent quakes around {location} stronger than {min_magnitude}",
    [p("location:city!"), p("min_magnitude|magnitude:num(2,7,1)!", label="minimum magnitude"),
     p("days|past_days:iqty.day(1,30)", say="in the last {v}", label="number of days"),
     p("radius_km:iqty.km(10,1000)", say="within {v}", label="radius")],
    "count:int(0,40) strongest:num(2,8,1)", "{count} quakes; the strongest was magnitude {strongest}.")
api("geology", "get_mineral_properties mineral_lookup",
    "Get the properties of a mineral.",
    "what's the hardness of {mineral}|tell me about {mineral}",
    [p("mineral:mineral!")], "mohs_hardness:num(1,10,1)", "{mineral} has a Mohs hardness of {mohs_hardness}.")
api("geology", "get_volcano_status volcano_activity",
    "Get the activity level of a volcano.",
    "is {volcano} erupting|what's the alert level of {volcano}",
    [p("volcano:volcano!")], "alert_level:enum(normal,advisory,watch,warning)", "{volcano} is at {alert_level}.")

# ------------------------------------------------------------------ agriculture (held out whole)
api("agriculture", "estimate_crop_yield crop_yield",
    "Estimate the harvest of a crop on a field.",
    "what yield can i expect from {area} of {crop}|estimate the {crop} harvest on {area}",
    [p("crop:crop!"), p("area|field_hectares:qty.ha(0.5,500,1)!", label="field area"),
     p("soil|soil_type:soil", say="on {v} soil"), p("irrigated:bool", say="with irrigation / rain-fed")],
    "tonnes:num(0.5,5000,1)", "Expect about {tonnes} tonnes of {crop}.")
api("agriculture", "compute_irrigation_need irrigation_plan",
    "Calculate the weekly irrigation water a field needs.",
    "how much water does {area} of {crop} need per week|irrigation needed for {crop} on {area}",
    [p("crop:crop!"), p("area|field_hectares:qty.ha(0.5,300,1)!", label="field area"),
     p("rainfall_mm|weekly_rainfall:qty.mm(0,80,0)", say="with {v} of rain a week", label="weekly rainfall")],
    "cubic_meters:num(10,100000,1)", "About {cubic_meters} cubic meters a week.")
api("agriculture", "get_livestock_feed_plan feed_plan",
    "Plan the daily feed of a herd.",
    "how much feed do {head_count} {livestock} need a day|daily feed for a herd of {head_count} {livestock}",
    [p("livestock|animal:livestock!"), p("head_count|count:int(2,2000)!", label="number of animals")],
    "kg_per_day:num(1,50000,1)", "They need {kg_per_day} kg of feed a day.")
api("agriculture", "get_planting_calendar sowing_dates",
    "Get the best planting window for a crop in a climate zone.",
    "when should i plant {crop} in a {climate_zone} climate|planting dates for {crop} in a {climate_zone} zone",
    [p("crop:crop!"), p("climate_zone|zone:climate_zone!", label="climate zone")],
    "start_month:enum(March,April,May,September,October)", "Plant {crop} from {start_month}.")

# ------------------------------------------------------------------ maritime (held out whole)
api("maritime", "get_vessel_position ship_tracker",
    "Get the current position and speed of a ship.",
    "where is the {vessel} now|track the ship {vessel}",
    [p("vessel|vessel_name:vessel!", label="vessel name")], "speed_knots:num(0,25,1) heading:int(0,359)",
    "The {vessel} is making {speed_knots} knots on heading {heading}.")
api("maritime", "get_port_schedule port_arrivals",
    "List ship arrivals at a port on a date.",
    "which ships arrive in {port} on {date}|port of {port} arrivals for {date}",
    [p("port:port!"), p("date:date!"), p("vessel_type:vessel_type", say="only {v} ships")],
    "arrivals:int(0,80)", "{arrivals} ships are due in {port}.")
api("maritime", "compute_voyage_time sailing_time",
    "Calculate the sailing time for a distance at a speed.",
    "how long to sail {distance} at {speed}|sailing time for {distance} at a speed of {speed}",
    [p("distance|distance_nm:qty.nmi(10,12000,0)!"), p("speed|speed_knots:qty.knot(5,30,1)!")],
    "hours:num(0.5,2400,1)", "The voyage takes {hours} hours.")
api("maritime", "estimate_shipping_container_cost freight_quote",
    "Quote the cost of shipping containers between two ports.",
    "quote {containers} containers from {origin_port} to {destination_port}|"
    "how much to ship {containers} containers from {origin_port} to {destination_port}",
    [p("origin_port:port!", label="origin port"), p("destination_port:port!", label="destination port"),
     p("containers|container_count:int(1,40)!", label="number of containers"),
     p("container_size:enum(20ft,40ft)", say="of size {v}|{v} ones")],
    "total:money(800,200000)", "The quote is {total}.")

# ------------------------------------------------------------------ telecom (held out whole)
api("telecom", "get_data_usage mobile_data_usage",
    "Get the mobile data used on a phone line this billing cycle.",
    "how much data have i used on {phone}|check data usage for {phone}",
    [p("phone|phone_number:phone!", label="phone number"), p("breakdown:bool", say="broken down by app / total only")],
    "used_gb:num(0,200,2) limit_gb:int(5,200)", "You've used {used_gb} GB of {limit_gb} GB.")
api("telecom", "compare_phone_plans plan_comparison",
    "Compare mobile plans by data and price.",
    "compare plans with at least {min_data} for under {max_price} a month|find a phone plan with {min_data} of data",
    [p("min_data|min_data_gb:iqty.gb(1,100)!", label="minimum data"),
     p("max_price|budget:money(10,150)", say="for under {v} a month", label="maximum monthly price"),
     p("carrier:carrier", say="from {v}")],
    "best_plan:telecom_plan price:money(10,150)", "{best_plan} at {price} fits best.")
api("telecom", "change_phone_plan switch_plan",
    "Switch a phone line to another plan.",
    "switch {phone} to the {plan} plan|move my line {phone} onto {plan}",
    [p("phone|phone_number:phone!", label="phone number"), p("plan|plan_name:telecom_plan!", label="plan"),
     p("effective_date:date", say="starting {v}", label="effective date")],
    "order_id:id.CHG(6)", "Done; change order {order_id}.")

# ------------------------------------------------------------------ insurance (held out whole)
api("insurance", "get_insurance_quote insurance_quote",
    "Get a quote for an insurance policy.",
    "get me a {policy_type} insurance quote for {coverage}|how much is {policy_type} insurance with {coverage} of cover",
    [p("policy_type|type:insurance_type!", label="policy type"), p("coverage|coverage_amount:money(5000,1000000)!"),
     p("deductible:money(100,5000)", say="with a {v} deductible"), p("zip_code:zip", say="in {v}", label="ZIP code")],
    "monthly_premium:money(5,800)", "The premium is {monthly_premium} a month.")
api("insurance", "file_insurance_claim submit_claim",
    "File a claim on an insurance policy.",
    "file a claim on policy {policy_number} for {amount}|submit a {amount} claim under policy {policy_number}",
    [p("policy_number|policy_id:id.POL(7)!", label="policy number"), p("amount|claim_amount:money(50,100000)!"),
     p("incident_date:date", say="for an incident on {v}", label="incident date")],
    "claim_id:id.CLM(6)", "Claim {claim_id} filed.")
api("insurance", "check_claim_status claim_tracker",
    "Check the status of an insurance claim.",
    "what's the status of claim {claim_id}|check on my claim {claim_id}",
    [p("claim_id|claim_number:id.CLM(6)!", label="claim number")],
    "status:enum(received,under_review,approved,paid,denied)", "Claim {claim_id} is {status}.")

# ------------------------------------------------------------------ productivity
api("productivity", "create_reminder set_reminder",
    "Create a reminder at a date and time.",
    "remind me to {task} on {date} at {time}|set a reminder to {task} at {time} on {date}",
    [p("task|text:pick(call the dentist,pay the electricity bill,water the plants,submit the expense report,"
       "pick up the dry cleaning,renew the car insurance)!"), p("date:date!"), p("time:time!"),
     p("repeat:enum(none,daily,weekly,monthly)", say="repeating {v}|and repeat it {v}")],
    "reminder_id:id.REM(5)", "Reminder set for {date} at {time}.")
api("productivity", "send_email compose_email",
    "Send an email.",
    "email {to} saying {body}|send {to} an email: {body}",
    [p("to|recipient:email!"), p("body|message:message!"), p("subject:note", say="with the subject {v}"),
     p("cc:email", say="cc {v}|copying {v}")],
    "message_id:id.MSG(8)", "Sent to {to}.")
api("productivity", "create_todo_item add_task",
    "Add an item to a to-do list.",
    "add {item} to my {list_name} list|put {item} on the {list_name} list",
    [p("item|task:note!"), p("list_name|list:enum(groceries,work,home,errands)!", label="list"),
     p("priority:enum(low,medium,high)", say="with {v} priority|mark it {v} priority"),
     p("due_date:date", say="due {v}", label="due date")],
    "item_id:id.TD(5)", "Added to {list_name}.")
api("productivity", "translate_units_in_recipe kitchen_convert",
    "Convert a cooking measurement between kitchen units.",
    "how many {to_unit} is {amount}|convert {amount} to {to_unit}",
    [p("amount|quantity:qty.cup(0.25,8,2)!"), p("to_unit|target_unit:enum(ml,tablespoons,teaspoons,liters)!", label="target unit")],
    "result:num(0.1,2000,2)", "That's {result} {to_unit}.")


# ================================================================== executable tools (fc/tools)
# Values come from the seeded world (fc/tools/world.py): ids that exist, and a few that do not, so
# that some results are errors the answer must report.

_TX = "pick(T1001,T1002,T1003,T1004,T1005,T1006,T1007,T1008,T1001,T1003,T1042)"
_CUSTOMER = "pick(C001,C002,C003,C004,C001)"
_ORDER = "pick(O5001,O5002,O5003,O5004,O5005,O5002,O5009)"
_EVENT = "pick(E301,E302,E303,E304,E305)"
_CONTACT = "pick(K101,K102,K103,K104,K105)"
_SKU = "pick(SKU-1001,SKU-1002,SKU-1003,SKU-1004,SKU-1005,SKU-1006,SKU-1007,SKU-1008)"
_HOTEL = "pick(H01,H02,H03,H04,H05)"
_BOOKING = "pick(B7001,B7002,B7003)"
_WEEK = "day(2025-06-02,2025-06-08)"
_STAY = "day(2025-06-05,2025-07-20)"
_LENGTH = "enumw(mm:millimeters,cm:centimeters,m:meters,km:kilometers,in:inches,ft:feet,yd:yards,mi:miles,nmi:nautical miles)"
_MASS = "enumw(mg:milligrams,g:grams,kg:kilograms,t:tonnes,oz:ounces,lb:pounds,st:stone)"
_TEMP = "enumw(celsius:Celsius,fahrenheit:Fahrenheit,kelvin:kelvin)"
_VOLUME = "enumw(ml:milliliters,l:liters,tsp:teaspoons,tbsp:tablespoons,fl_oz:fluid ounces,cup:cups,pt:pints,qt:quarts,gal:gallons)"
_SPEED = "enumw(m/s:meters per second,km/h:kilometers per hour,mph:miles per hour,knot:knots,ft/s:feet per second)"
_MONEY = ("enumw(USD:US dollars,EUR:euros,GBP:British pounds,JPY:Japanese yen,CHF:Swiss francs,CAD:Canadian dollars,"
          "AUD:Australian dollars,INR:Indian rupees,MXN:Mexican pesos,SEK:Swedish kronor,SGD:Singapore dollars)")
_ZONE = ("enumw(Europe/London:London time,America/New_York:New York time,Asia/Tokyo:Tokyo time,"
         "Europe/Paris:Paris time,America/Los_Angeles:Los Angeles time,Australia/Sydney:Sydney time,"
         "Asia/Kolkata:India time,America/Sao_Paulo:Sao Paulo time)")
_TEXTS = ("pick.q(The quick brown fox jumps over the lazy dog,Meeting notes for the quarterly review,"
          "Hello World from the new office,Fresh bread and cold butter,Please review the budget draft today,"
          "Summer sale starts on Monday)")


def _run(domain: str, name: str, ask: str, params: list, answer: str = "") -> None:
    api(domain, name, "", ask, params, "", answer, executable=True)


_run("payments", "retrieve_payment_status",
     "what's the status of my transaction {transaction_id}|has payment {transaction_id} gone through|"
     "check the payment status of {transaction_id}|did transaction {transaction_id} go through|"
     "is {transaction_id} paid yet",
     [p(f"transaction_id:{_TX}!", label="transaction id")],
     "Transaction {transaction_id} is {status}.|The payment {transaction_id} has the status {status}.")
_run("payments", "retrieve_payment_date",
     "when was transaction {transaction_id} made|what date was payment {transaction_id}|on what day did i pay {transaction_id}",
     [p(f"transaction_id:{_TX}!", label="transaction id")], "Transaction {transaction_id} was made on {date}.")
_run("payments", "get_transaction_details",
     "show me the details of transaction {transaction_id}|what was {transaction_id} for|how much was payment {transaction_id}",
     [p(f"transaction_id:{_TX}!", label="transaction id")],
     "{transaction_id} was {amount} {currency} by {method} on {date} for {description} (status {status}).")
_run("payments", "refund_payment",
     "refund transaction {transaction_id}|i want a refund for {transaction_id}|please refund payment {transaction_id}",
     [p(f"transaction_id:{_TX}!", label="transaction id"),
      p("reason:pick(Item arrived damaged,Duplicate charge,Customer changed their mind,Wrong size delivered)",
        say="because of this: {v}|with the reason {v}|reason: {v}")],
     "Refunded {refunded_amount} {currency} for {transaction_id} on {refunded_on}.")
_run("payments", "list_customer_transactions",
     "list the transactions of customer {customer_id}|show {customer_id}'s payments|what has customer {customer_id} paid for",
     [p(f"customer_id:{_CUSTOMER}!", label="customer id"),
      p("status:enum(any,Paid,Pending,Failed,Refunded)", say="that are {v}|only the {v} ones|with status {v}"),
      p("limit:int(1,5)", say="at most {v}|just the last {v}", label="number of transactions")],
     "{customer_name} has {count} matching transactions.")
_run("orders", "lookup_order",
     "where is my order {order_id}|what's the status of order {order_id}|look up order {order_id}",
     [p(f"order_id:{_ORDER}!", label="order id")], "Order {order_id} is {status}.")
_run("orders", "list_customer_orders",
     "list the orders of customer {customer_id}|what has {customer_id} ordered",
     [p(f"customer_id:{_CUSTOMER}!", label="customer id"),
      p("status:enum(any,processing,shipped,delivered,cancelled)", say="that are {v}|only {v} ones")],
     "Customer {customer_id} has {count} matching orders.")
_run("orders", "cancel_customer_order",
     "cancel order {order_id}|please cancel my order {order_id}|i don't want order {order_id} anymore",
     [p(f"order_id:{_ORDER}!", label="order id"),
      p("reason:pick(Ordered by mistake,Found it cheaper elsewhere,Delivery takes too long)",
        say="because {v}|with the reason {v}")],
     "Order {order_id} is now {status}.")
_run("orders", "change_shipping_address",
     "ship order {order_id} to {new_address} instead|change the delivery address of {order_id} to {new_address}",
     [p(f"order_id:{_ORDER}!", label="order id"),
      p("new_address:pick(10 Queen Street\\, Melbourne,48 Rue Oberkampf\\, Paris,77 King Street\\, Toronto,"
        "5 Canal Road\\, Amsterdam)!", label="new address")],
     "Order {order_id} will now ship to {shipping_address}.")
_run("calendar", "list_calendar_events",
     "what's on my calendar on {date}|do i have anything on {date}|list my events for {date}",
     [p(f"date:{_WEEK}!")], "You have {count} events on {date}.")
_run("calendar", "create_calendar_event",
     "add {title} to my calendar on {date} at {start_time}|schedule {title} for {date} at {start_time}|"
     "put {title} in my calendar at {start_time} on {date}",
     [p("title:pick.q(Call with Tom,Gym session,Budget review,Coffee with Maria,Team retro,Doctor's appointment)!"),
      p(f"date:{_WEEK}!"), p("start_time:time!", label="start time"),
      p("duration_minutes:iqty.min(15,180)", say="for {v}|lasting {v}", label="duration"),
      p("location:pick(Room 4B,Cafe Lumen,Video call,Board room)", say="at {v}|in {v}")],
     "Added {title} on {date} from {start_time} to {end_time}.")
_run("calendar", "delete_calendar_event",
     "delete event {event_id}|remove {event_id} from my calendar|cancel calendar event {event_id}",
     [p(f"event_id:{_EVENT}!", label="event id")], "Deleted {title} on {date}.")
_run("calendar", "find_free_time",
     "when am i free for {duration_minutes} on {date}|find a {duration_minutes} gap in my calendar on {date}",
     [p(f"date:{_WEEK}!"), p("duration_minutes:iqty.min(15,120)!", label="meeting length"),
      p("day_start:pick(08:00,08:30,09:00,10:00)", say="starting from {v}|not before {v}", label="start of the day"),
      p("day_end:pick(16:00,17:00,18:00)", say="until {v}|no later than {v}", label="end of the day")], "")
_run("contacts", "search_contacts",
     "find {query} in my contacts|look up the contact {query}|what's {query}'s email",
     [p("query:pick(Priya,Tom Becker,Maria,Kenji,Lumen Design,Rossi Imports,Nowak)!", label="name or company"),
      p("limit:int(1,5)", say="show at most {v}", label="number of results")], "I found {count} matching contacts.")
_run("contacts", "create_contact",
     "add {name} to my contacts with the email {email}|create a contact for {name}, email {email}",
     [p("name:person!"), p("email:email!"), p("phone:phone", say="phone {v}|and the number {v}"),
      p("company:company", say="who works at {v}|from {v}")],
     "Saved {name} as contact {contact_id}.")
_run("contacts", "update_contact",
     "update contact {contact_id}|change the details of contact {contact_id}",
     [p(f"contact_id:{_CONTACT}!", label="contact id"), p("email:email", say="set the email to {v}|new email {v}"),
      p("phone:phone", say="set the phone to {v}|new number {v}"), p("company:company", say="who now works at {v}")],
     "Updated {name}'s details.")
_run("inventory", "check_stock_level",
     "how many {sku} do we have in stock|check the stock of {sku}|is {sku} in stock",
     [p(f"sku:{_SKU}!", label="SKU")], "{name} ({sku}): {stock} in stock, {state}.")
_run("inventory", "adjust_stock_level",
     "record {change} more units of {sku} because {reason}|add {change} units to {sku}: {reason}",
     [p(f"sku:{_SKU}!", label="SKU"), p("change:int(1,60)!", label="units to add"),
      p("reason:pick(Delivery from supplier,Stock count correction,Returned by customer)!")],
     "{name} now has {stock} in stock.")
_run("inventory", "search_product_catalog",
     "search the catalog for {query}|do we sell {query}|find {query} in our products",
     [p("query:pick(headphones,cable,shoes,yoga,coffee,tea,lamp,laptop)!", label="search terms"),
      p("category:enum(any,electronics,sportswear,grocery,home)", say="in {v}|in the {v} category"),
      p("max_price:money(5,200)", say="under {v}|costing at most {v}", label="maximum price"),
      p("in_stock_only:bool", say="in stock only|that are in stock / including out of stock items")],
     "I found {count} products.")
_run("inventory", "list_low_stock_items",
     "which items are running low|list products that need restocking|what's low on stock",
     [p("include_out_of_stock:bool", say="including ones that are out of stock / leave out the out of stock ones")],
     "{count} items are low on stock.")
_run("bookings", "search_hotel_rooms",
     "find a hotel in {city} from {check_in} to {check_out}|any rooms in {city} between {check_in} and {check_out}",
     [p("city:pick(Paris,Sydney,New York,Tokyo,Paris,Rome)!"), p(f"check_in:{_STAY}!", label="check-in date"),
      p(f"check_out:{_STAY}!", label="check-out date"), p("guests:int(1,4)", say="for {v} guests|for {v} people")],
     "I found {count} hotels in {city} for {nights} nights.")
_run("bookings", "create_room_booking",
     "book hotel {hotel_id} for {guest_name} from {check_in} to {check_out}|reserve a room at {hotel_id} under "
     "{guest_name}, {check_in} to {check_out}",
     [p(f"hotel_id:{_HOTEL}!", label="hotel id"), p("guest_name:person!", label="guest name"),
      p(f"check_in:{_STAY}!", label="check-in date"), p(f"check_out:{_STAY}!", label="check-out date"),
      p("guests:int(1,4)", say="for {v} guests")],
     "Booked {hotel_name} for {guest_name}: booking {booking_id}, total {total}.")
_run("bookings", "get_room_booking",
     "show booking {booking_id}|what are the details of reservation {booking_id}",
     [p(f"booking_id:{_BOOKING}!", label="booking id")], "Booking {booking_id}: {hotel_name}, {check_in} to {check_out}, {status}.")
_run("bookings", "cancel_room_booking",
     "cancel booking {booking_id}|please cancel my hotel reservation {booking_id}",
     [p(f"booking_id:{_BOOKING}!", label="booking id")], "Booking {booking_id} is now {status}.")
_run("math", "evaluate_expression",
     "what's {expression}|calculate {expression}|evaluate {expression}|what is {expression} equal to",
     [p("expression:expr!")], "{expression} = {result}.")
_run("math", "find_quadratic_roots",
     "solve the quadratic with a = {a}, b = {b} and c = {c}|find the roots of a quadratic where a is {a}, b is {b}, c is {c}",
     [p("a:int(1,9)!"), p("b:int(-20,20)!"), p("c:int(-30,30)!")], "The equation has {kind}: {roots}.")
_run("math", "greatest_common_divisor",
     "what's the gcd of {numbers}|find the greatest common divisor of {numbers}",
     [p("numbers:nums.int(2,4,2,500)!")], "The GCD is {gcd}.")
_run("math", "least_common_multiple",
     "what's the lcm of {numbers}|find the least common multiple of {numbers}",
     [p("numbers:nums.int(2,4,2,60)!")], "The LCM is {lcm}.")
_run("math", "check_prime",
     "is {n} prime|check whether {n} is a prime number", [p("n:int(2,100000)!")], "")
_run("math", "factorize_integer",
     "factor {n}|what are the prime factors of {n}|break {n} into primes", [p("n:int(2,1000000)!")],
     "The prime factors of {n} are {factors}.")
_run("units", "convert_length",
     "convert {value} {from_unit} to {to_unit}|how many {to_unit} is {value} {from_unit}",
     [p("value:num(0.5,5000,2)!"), p(f"from_unit:{_LENGTH}!", label="unit"), p(f"to_unit:{_LENGTH}!", label="target unit")],
     "{value} {from_unit} is {result} {to_unit}.")
_run("units", "convert_mass",
     "convert {value} {from_unit} to {to_unit}|how many {to_unit} are in {value} {from_unit}",
     [p("value:num(0.5,5000,2)!"), p(f"from_unit:{_MASS}!", label="unit"), p(f"to_unit:{_MASS}!", label="target unit")],
     "{value} {from_unit} is {result} {to_unit}.")
_run("units", "convert_temperature",
     "convert {value} degrees {from_unit} to {to_unit}|what is {value} degrees {from_unit} in {to_unit}",
     [p("value:num(-40,250,1)!"), p(f"from_unit:{_TEMP}!", label="unit"), p(f"to_unit:{_TEMP}!", label="target unit")],
     "{value} degrees {from_unit} is {result} degrees {to_unit}.")
_run("units", "convert_volume",
     "convert {value} {from_unit} to {to_unit}|how many {to_unit} is {value} {from_unit}",
     [p("value:num(0.25,100,2)!"), p(f"from_unit:{_VOLUME}!", label="unit"), p(f"to_unit:{_VOLUME}!", label="target unit")],
     "{value} {from_unit} is {result} {to_unit}.")
_run("units", "convert_speed",
     "convert {value} {from_unit} to {to_unit}|what's {value} {from_unit} in {to_unit}",
     [p("value:num(1,1000,1)!"), p(f"from_unit:{_SPEED}!", label="unit"), p(f"to_unit:{_SPEED}!", label="target unit")],
     "{value} {from_unit} is {result} {to_unit}.")
_run("currency", "convert_money",
     "convert {amount} from {from_currency} to {to_currency}|how much is {amount} {from_currency} in {to_currency}",
     [p("amount:num(1,10000,2)!"), p(f"from_currency:{_MONEY}!", label="currency"),
      p(f"to_currency:{_MONEY}!", label="target currency")],
     "{amount} {from_currency} is {converted} {to_currency} (rate {rate}).")
_run("currency", "lookup_exchange_rate",
     "what's the exchange rate from {base_currency} to {quote_currency}|how many {quote_currency} do i get for one of {base_currency}",
     [p(f"base_currency:{_MONEY}!", label="currency"), p(f"quote_currency:{_MONEY}!", label="target currency")],
     "One {base_currency} buys {rate} {quote_currency}.")
_run("dates", "days_between_dates",
     "how many days are there between {start_date} and {end_date}|count the days from {start_date} to {end_date}",
     [p("start_date:day(2020-01-01,2026-12-31)!", label="start date"), p("end_date:day(2020-01-01,2026-12-31)!", label="end date")],
     "There are {days} days between them.")
_run("dates", "add_days_to_date",
     "what date is {days} days after {date}|add {days} days to {date}",
     [p("date:day(2024-01-01,2026-12-31)!"), p("days:int(1,400)!")], "{days} days after {date} is {result}, a {weekday}.")
_run("dates", "weekday_of_date",
     "what day of the week is {date}|which weekday does {date} fall on",
     [p("date:day(1990-01-01,2030-12-31)!")], "{date} is a {weekday}.")
_run("dates", "convert_time_between_zones",
     "what time is {time} {from_zone} in {to_zone}|convert {time} from {from_zone} to {to_zone}",
     [p("time:datetime.space!"), p(f"from_zone:{_ZONE}!", label="time zone"), p(f"to_zone:{_ZONE}!", label="target time zone")],
     "That is {converted} in {to_zone}.")
_run("dates", "check_leap_year",
     "is {year} a leap year|was {year} a leap year", [p("year:year(1600,2400)!")], "")
_run("dates", "compute_age",
     "how old is someone born on {birth_date} as of {on_date}|compute the age on {on_date} of a person born {birth_date}",
     [p("birth_date:day(1940-01-01,2015-12-31)!", label="birth date"), p("on_date:day(2020-01-01,2026-12-31)!", label="date")],
     "They are {years} years old.")
_run("text", "count_text_words",
     "how many words are in {text}|count the words in {text}", [p(f"text:{_TEXTS}!")], "It has {words} words.")
_run("text", "slugify_text",
     "make a url slug from {text}|slugify {text}",
     [p(f"text:{_TEXTS}!"), p("separator:enum(-,_)", say="using {v} as the separator")], "The slug is {slug}.")
_run("text", "reverse_text",
     "reverse {text}|write {text} backwards",
     [p(f"text:{_TEXTS}!"), p("unit:enum(characters,words)", say="by {v}|word by word / letter by letter")],
     "Reversed: {result}.")
_run("text", "change_text_case",
     "convert {text} to {case} case|rewrite {text} in {case} case",
     [p(f"text:{_TEXTS}!"), p("case:enum(upper,lower,title,sentence,snake,camel,kebab)!")], "Result: {result}")
_run("text", "replace_in_text",
     "in {text}, replace {find} with {replace_with}|swap {find} for {replace_with} in {text}",
     [p(f"text:{_TEXTS}!"), p("find:pick(quick,notes,World,bread,budget,sale)!"),
      p("replace_with:pick(slow,minutes,Team,toast,plan,offer)!", label="replacement"),
      p("case_sensitive:bool", say="case-sensitively / ignoring case")],
     "Result: {result}")
_run("geometry", "area_of_circle",
     "what's the area of a circle with radius {radius}|area of a circle of radius {radius}", [p("radius:num(0.5,100,1)!")],
     "The area is {area}.")
_run("geometry", "area_of_rectangle",
     "area of a rectangle {width} wide and {height} high|what's the area of a {width} by {height} rectangle",
     [p("width:num(0.5,200,1)!"), p("height:num(0.5,200,1)!")], "The area is {area}.")
_run("geometry", "triangle_area_from_sides",
     "area of a triangle with sides {a}, {b} and {c}|a triangle has sides {a}, {b}, {c}; what's its area",
     [p("a:int(3,20)!"), p("b:int(3,20)!"), p("c:int(3,20)!")], "The area is {area}.")
_run("geometry", "polygon_area",
     "what's the area of the polygon with corners {points}|area of a shape with vertices {points}",
     [p("points:points(3,5)!")], "The area is {area}.")
_run("geometry", "distance_between_points",
     "distance between {point_a} and {point_b}|how far is {point_a} from {point_b}",
     [p("point_a:point(2)!", label="first point"), p("point_b:point(2)!", label="second point")], "The distance is {distance}.")
_run("geometry", "great_circle_distance",
     "how far is it from latitude {lat1}, longitude {lon1} to latitude {lat2}, longitude {lon2}",
     [p("lat1:num(-60,70,2)!"), p("lon1:num(-170,170,2)!"), p("lat2:num(-60,70,2)!"), p("lon2:num(-170,170,2)!"),
      p("unit:enumw(km:kilometers,mi:miles,nmi:nautical miles)", say="in {v}")], "It's {distance} {unit}.")
_run("statistics", "describe_numbers",
     "summarize these numbers: {values}|give me the mean, median and spread of {values}",
     [p("values:nums(4,8,0,100,1)!")], "Mean {mean}, median {median}, range {range}.")
_run("statistics", "compute_percentile",
     "what's the {percentile}th percentile of {values}|find percentile {percentile} of {values}",
     [p("values:nums(4,8,0,100,0)!"), p("percentile:int(5,95)!")], "The value is {value}.")
_run("statistics", "compute_standard_deviation",
     "what's the standard deviation of {values}|compute the spread of {values}",
     [p("values:nums(3,8,0,50,1)!"), p("kind:enum(sample,population)", say="as a {v} standard deviation|treating it as a {v}")],
     "The standard deviation is {stdev}.")
_run("statistics", "pearson_correlation",
     "how correlated are {x} and {y}|compute the correlation between {x} and {y}",
     [p("x:nums(4,6,0,50,0)!"), p("y:nums(4,6,0,50,0)!")], "r = {r} ({strength}).")
_run("statistics", "weighted_average",
     "weighted average of {values} with weights {weights}|average {values} weighted by {weights}",
     [p("values:nums(2,5,50,100,0)!"), p("weights:nums(2,5,1,5,0)!")], "The weighted average is {weighted_average}.")

# At least one of these optional parameters must be stated for the call to make sense.
NEEDS_ONE_OF: dict[str, tuple[str, ...]] = {"update_contact": ("email", "phone", "company")}
