// Places as records give them: the city they are in, and how English prose names them.
import { describe, expect, it } from "vitest";
import { commonPlace, placeInProse, sameCity } from "../../src/domain/places.ts";

const beijing = { en: "Beijing", zh: "北京" };
const greatHall = { en: "Great Hall of the People, Beijing", zh: "北京人民大会堂" };

describe("places", () => {
  it("are in the same city when the city or the Chinese name within the other agrees", () => {
    expect(sameCity(beijing, greatHall)).toBe(true);
    expect(sameCity({ en: null, zh: "北京" }, { en: null, zh: "北京人民大会堂" })).toBe(true);
    expect(sameCity(beijing, { en: "Islamabad", zh: "伊斯兰堡" })).toBe(false);
    expect(sameCity(beijing, { en: null, zh: null })).toBe(true);
  });

  it("of a trip are named by the city when they differ, and as given when they agree", () => {
    expect(commonPlace([greatHall, beijing])).toEqual(beijing);
    expect(commonPlace([greatHall, greatHall])).toEqual(greatHall);
    expect(commonPlace([{ en: null, zh: null }])).toEqual({ en: null, zh: null });
  });

  it("take 'the' in English when they are buildings", () => {
    expect(placeInProse("Great Hall of the People, Beijing")).toBe(
      "the Great Hall of the People, Beijing",
    );
    expect(placeInProse("Diaoyutai State Guesthouse, Beijing")).toBe(
      "the Diaoyutai State Guesthouse, Beijing",
    );
    expect(placeInProse("Bishkek")).toBe("Bishkek");
    expect(placeInProse("the Kremlin, Moscow")).toBe("the Kremlin, Moscow");
    expect(placeInProse("Tiananmen Square")).toBe("Tiananmen Square");
  });
});
